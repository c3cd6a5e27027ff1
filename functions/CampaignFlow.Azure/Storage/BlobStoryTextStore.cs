using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CampaignFlow.Stories;

namespace CampaignFlow.Azure.Storage;

/// <summary>Full texts as blobs <c>stories/{storyId}.txt</c>.</summary>
public sealed class BlobStoryTextStore(BlobServiceClient blobs) : IStoryTextStore
{
    public const string Container = "stories";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(Container);

    public Task SaveAsync(string storyId, string text, CancellationToken cancellationToken = default) =>
        _container.GetBlobClient(storyId + ".txt").UploadAsync(
            BinaryData.FromString(text),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } },
            cancellationToken);

    public async Task<string?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _container.GetBlobClient(storyId + ".txt").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
