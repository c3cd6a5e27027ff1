using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Published;

/// <summary>
/// Publishes the staff-edited templates to blob storage, where <see cref="BlobEmailTemplateProvider"/> picks them up
/// without a redeploy. The previous versions are in git (config/templates): publishing an older commit's folder rolls back.
/// </summary>
public sealed class BlobEmailTemplateStore(BlobContainerClient container, IOptions<EmailTemplateOptions> options, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Validates every template, then replaces the published set. Returns how many templates it holds.</summary>
    /// <exception cref="EmailTemplateValidationException">A template is invalid; nothing was written.</exception>
    public async Task<int> PublishAsync(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        var set = EmailTemplateLoader.Compile(files, complete: true);
        if (set.Problems.Count > 0)
        {
            throw new EmailTemplateValidationException("the templates to publish", set.Problems);
        }
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var published = new PublishedTemplates { PublishedAt = clock.GetUtcNow(), Files = new SortedDictionary<string, string>(files.ToDictionary(), StringComparer.Ordinal) };
        await container.GetBlobClient(options.Value.ActiveBlobName).UploadAsync(BinaryData.FromObjectAsJson(published, Json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken).ConfigureAwait(false);
        return set.Templates.Count;
    }
}
