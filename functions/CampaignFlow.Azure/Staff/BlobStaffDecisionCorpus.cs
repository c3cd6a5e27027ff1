using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Classification;
using CampaignFlow.Staff;

namespace CampaignFlow.Azure.Staff;

/// <summary>
/// Staff decisions as labeled examples: one JSON blob per example id under <c>staff-decisions/</c> in the <c>config</c>
/// container (beside the published rules), so a later decision on the same story replaces the earlier one.
/// </summary>
public sealed class BlobStaffDecisionCorpus(BlobServiceClient blobs) : IStaffDecisionCorpus
{
    public const string Prefix = "staff-decisions/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageProvisioner.ConfigContainer);

    public Task SaveAsync(LabeledStory example, CancellationToken cancellationToken = default) =>
        _container.GetBlobClient(Prefix + Uri.EscapeDataString(example.Id) + ".json").UploadAsync(
            BinaryData.FromObjectAsJson(example, Json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);

    public async IAsyncEnumerable<LabeledStory> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
        {
            var content = await _container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            if (content.Value.Content.ToObjectFromJson<LabeledStory>(Json) is { } example)
            {
                yield return example;
            }
        }
    }
}
