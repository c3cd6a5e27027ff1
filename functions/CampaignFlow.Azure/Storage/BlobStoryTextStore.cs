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

    /// <summary>Retention: deletes the texts last written before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        if (!await _container.ExistsAsync(cancellationToken))
        {
            return 0;
        }
        var deleted = 0;
        await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (blob.Properties.LastModified < before && await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }
        return deleted;
    }

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
