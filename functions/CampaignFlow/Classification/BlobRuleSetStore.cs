using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Classification;

/// <summary>
/// Publishes and rolls back rule sets in blob storage: every published version is kept immutable
/// under the history prefix, and the active blob is a copy of one of them.
/// </summary>
public sealed class BlobRuleSetStore(BlobContainerClient container, IOptions<ClassificationOptions> options)
{
    /// <summary>Validates, stores as a new history version, and activates. Refuses a version that already exists.</summary>
    /// <exception cref="RuleSetValidationException">The rule set is invalid; nothing was written.</exception>
    public async Task<string> PublishAsync(string json, CancellationToken cancellationToken = default)
    {
        var rules = RuleSetLoader.Parse(json, "published rule set");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var history = container.GetBlobClient(HistoryName(rules.Version));
        try
        {
            await history.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new InvalidOperationException($"rule set version {rules.Version} was already published; give the edit a new version", ex);
        }
        await ActivateAsync(json, cancellationToken).ConfigureAwait(false);
        return rules.Version;
    }

    /// <summary>Makes an earlier published version active again.</summary>
    public async Task RollbackAsync(string version, CancellationToken cancellationToken = default)
    {
        var json = await ReadVersionAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"rule set version {version} is not in the history");
        RuleSetLoader.Parse(json, HistoryName(version));
        await ActivateAsync(json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Published versions, oldest first by upload time.</summary>
    public async Task<IReadOnlyList<string>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        var prefix = options.Value.HistoryPrefix;
        var items = new List<(string Version, DateTimeOffset When)>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            items.Add((Path.GetFileNameWithoutExtension(item.Name[prefix.Length..]), item.Properties.CreatedOn ?? DateTimeOffset.MinValue));
        }
        return [.. items.OrderBy(i => i.When).ThenBy(i => i.Version, StringComparer.Ordinal).Select(i => i.Version)];
    }

    /// <summary>The active rule set's JSON, or null when none was published.</summary>
    public Task<string?> ReadActiveAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(options.Value.ActiveBlobName, cancellationToken);

    public Task<string?> ReadVersionAsync(string version, CancellationToken cancellationToken = default) =>
        ReadAsync(HistoryName(version), cancellationToken);

    private async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private Task ActivateAsync(string json, CancellationToken cancellationToken) =>
        container.GetBlobClient(options.Value.ActiveBlobName).UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken);

    private string HistoryName(string version) => $"{options.Value.HistoryPrefix}{version}.json";
}
