using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using CampaignFlow.Classification;

namespace CampaignFlow.Azure.Published;

/// <summary>
/// Publishes and rolls back rule sets in blob storage: every published version is kept immutable
/// under the history prefix, and the active blob is a copy of one of them. Each write records when it
/// happened (blob metadata), so staff can see what is active and since when.
/// </summary>
public sealed class BlobRuleSetStore(BlobContainerClient container, IOptions<ClassificationOptions> options, TimeProvider? clock = null)
{
    // Blob metadata names: C# identifiers, lower case (Azure returns them as stored).
    private const string PublishedOnKey = "publishedon";
    private const string VersionKey = "version";
    private const string ActivationKey = "activation";
    private const string ActivatedOnKey = "activatedon";

    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>The container's name and the active blob's, as staff see them (<c>config/rules/active.json</c>).</summary>
    public string ActiveBlobPath => $"{container.Name}/{options.Value.ActiveBlobName}";

    /// <summary>Validates, stores as a new history version, and activates. Refuses a version that already exists.</summary>
    /// <exception cref="RuleSetValidationException">The rule set is invalid; nothing was written.</exception>
    public async Task<string> PublishAsync(string json, CancellationToken cancellationToken = default)
    {
        var rules = RuleSetLoader.Parse(json, "published rule set");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var history = container.GetBlobClient(HistoryName(rules.Version));
        var now = time.GetUtcNow();
        try
        {
            await history.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string> { [PublishedOnKey] = Format(now) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new InvalidOperationException($"rule set version {rules.Version} was already published; give the edit a new version", ex);
        }
        await ActivateAsync(json, rules.Version, RuleSetActivation.Publish, now, cancellationToken).ConfigureAwait(false);
        return rules.Version;
    }

    /// <summary>Makes an earlier published version active again.</summary>
    /// <exception cref="InvalidOperationException">The version is not in the history.</exception>
    /// <exception cref="RuleSetValidationException">The history copy no longer passes validation; nothing was changed.</exception>
    public async Task RollbackAsync(string version, CancellationToken cancellationToken = default)
    {
        var json = await ReadVersionAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"rule set version {version} is not in the history");
        RuleSetLoader.Parse(json, HistoryName(version));
        await ActivateAsync(json, version, RuleSetActivation.Rollback, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Published versions, oldest first by publication time.</summary>
    public async Task<IReadOnlyList<string>> ListVersionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken).ConfigureAwait(false)).Reverse().Select(v => v.Version)];

    /// <summary>Published versions with when each was published, newest first.</summary>
    public async Task<IReadOnlyList<PublishedRuleSet>> ListAsync(CancellationToken cancellationToken = default)
    {
        var prefix = options.Value.HistoryPrefix;
        var items = new List<PublishedRuleSet>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
            {
                // Why: metadata keeps sub-second order; blobs written before it was recorded fall back to their creation time.
                var when = Parse(item.Metadata, PublishedOnKey) ?? item.Properties.CreatedOn ?? DateTimeOffset.MinValue;
                items.Add(new PublishedRuleSet(Path.GetFileNameWithoutExtension(item.Name[prefix.Length..]), when));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
        return [.. items.OrderByDescending(i => i.PublishedOn).ThenByDescending(i => i.Version, StringComparer.Ordinal)];
    }

    /// <summary>The active rule set's JSON, or null when none was published.</summary>
    public Task<string?> ReadActiveAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(options.Value.ActiveBlobName, cancellationToken);

    /// <summary>The active blob with what is known of how it got there, or null when none was published. Not validated.</summary>
    public async Task<ActiveRuleSetBlob?> ReadActiveBlobAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var content = (await container.GetBlobClient(options.Value.ActiveBlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            var json = content.Content.ToString();
            var metadata = content.Details.Metadata;
            return new ActiveRuleSetBlob(
                json,
                VersionOf(json) ?? (metadata.TryGetValue(VersionKey, out var version) ? version : null),
                metadata.TryGetValue(ActivationKey, out var activation) && Enum.TryParse<RuleSetActivation>(activation, ignoreCase: true, out var how) ? how : null,
                Parse(metadata, ActivatedOnKey) ?? content.Details.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task<string?> ReadVersionAsync(string version, CancellationToken cancellationToken = default) =>
        ReadAsync(HistoryName(version), cancellationToken);

    /// <summary>Where a version is (or would be) kept: <c>config/rules/history/{version}.json</c>.</summary>
    public string HistoryPath(string version) => $"{container.Name}/{HistoryName(version)}";

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

    private Task ActivateAsync(string json, string version, RuleSetActivation activation, DateTimeOffset when, CancellationToken cancellationToken) =>
        container.GetBlobClient(options.Value.ActiveBlobName).UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = new Dictionary<string, string>
            {
                [VersionKey] = version,
                [ActivationKey] = activation.ToString().ToLowerInvariant(),
                [ActivatedOnKey] = Format(when),
            },
        }, cancellationToken);

    private string HistoryName(string version) => $"{options.Value.HistoryPrefix}{version}.json";

    private static string Format(DateTimeOffset when) => when.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? when : null;

    /// <summary>The version a blob declares, read without validating the rest (so an invalid blob can still be named).</summary>
    private static string? VersionOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var version)
                && version.ValueKind == JsonValueKind.String ? version.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
