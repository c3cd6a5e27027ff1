using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using CampaignFlow.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Azure.Published;

/// <summary>
/// Publishes and rolls back rule sets in blob storage: every published version is kept immutable
/// under the history prefix, and the active blob is a copy of one of them. Each write records when it
/// happened, by whom and why (blob metadata, URL-escaped: metadata is ASCII), and every activation is appended to a
/// log blob. A conditional publish or rollback writes the active blob only if its ETag is still the one the editor
/// read, so two staff publishing at once cannot lose an edit.
/// </summary>
public sealed class BlobRuleSetStore(BlobContainerClient container, IOptions<ClassificationOptions> options, TimeProvider? clock = null)
    : IRuleSetRepository
{
    // Blob metadata names: C# identifiers, lower case (Azure returns them as stored).
    private const string PublishedOnKey = "publishedon";
    private const string VersionKey = "version";
    private const string ActivationKey = "activation";
    private const string ActivatedOnKey = "activatedon";
    private const string ByKey = "by";
    private const string CommentKey = "comment";

    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly RuleSetActivationLog log = new(container, options.Value.ActivationLogBlobName);

    /// <summary>The container's name and the active blob's, as staff see them (<c>config/rules/active.json</c>).</summary>
    public string ActiveBlobPath => $"{container.Name}/{options.Value.ActiveBlobName}";

    /// <summary>Validates, stores as a new history version, and activates. Refuses a version that already exists.</summary>
    /// <exception cref="RuleSetValidationException">The rule set is invalid; nothing was written.</exception>
    public Task<string> PublishAsync(string json, CancellationToken cancellationToken = default) =>
        PublishAsync(new RuleSetPublication(json, "rules publish (command line)", null, Conditional: false, ExpectedETag: null), cancellationToken);

    /// <inheritdoc />
    public async Task<string> PublishAsync(RuleSetPublication publication, CancellationToken cancellationToken = default)
    {
        var rules = RuleSetLoader.Parse(publication.Json, "published rule set");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var history = container.GetBlobClient(HistoryName(rules.Version));
        var now = time.GetUtcNow();
        var metadata = new Dictionary<string, string> { [PublishedOnKey] = Format(now), [ByKey] = Escape(publication.By) };
        if (!string.IsNullOrWhiteSpace(publication.Comment))
        {
            metadata[CommentKey] = Escape(publication.Comment);
        }
        try
        {
            await history.UploadAsync(BinaryData.FromString(publication.Json), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = metadata,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw publication.Conditional
                ? new RuleSetConflictException($"version {rules.Version} was published by someone else a moment ago; reload to see their edit", ex)
                : new InvalidOperationException($"rule set version {rules.Version} was already published; give the edit a new version", ex);
        }
        var previous = await ReadActiveBlobAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ActivateAsync(publication.Json, rules.Version, RuleSetActivation.Publish, now, publication.By, Condition(publication.Conditional, publication.ExpectedETag), cancellationToken).ConfigureAwait(false);
        }
        catch (RuleSetConflictException)
        {
            // Why: the version was never active; leaving it would list an edit nobody published.
            await history.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            throw;
        }
        await log.AppendAsync(new RuleSetActivationRecord(RuleSetActivation.Publish, rules.Version, now, publication.By, publication.Comment, previous?.Version), cancellationToken).ConfigureAwait(false);
        return rules.Version;
    }

    /// <summary>Makes an earlier published version active again.</summary>
    /// <exception cref="InvalidOperationException">The version is not in the history.</exception>
    /// <exception cref="RuleSetValidationException">The history copy no longer passes validation; nothing was changed.</exception>
    public Task RollbackAsync(string version, CancellationToken cancellationToken = default) =>
        RollbackAsync(version, "rules rollback (command line)", conditional: false, expectedETag: null, cancellationToken);

    /// <inheritdoc />
    public async Task RollbackAsync(string version, string by, bool conditional, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var json = await ReadVersionAsync(version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"rule set version {version} is not in the history");
        RuleSetLoader.Parse(json, HistoryName(version));
        var previous = await ReadActiveBlobAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await ActivateAsync(json, version, RuleSetActivation.Rollback, now, by, Condition(conditional, expectedETag), cancellationToken).ConfigureAwait(false);
        await log.AppendAsync(new RuleSetActivationRecord(RuleSetActivation.Rollback, version, now, by, null, previous?.Version), cancellationToken).ConfigureAwait(false);
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
                items.Add(new PublishedRuleSet(Path.GetFileNameWithoutExtension(item.Name[prefix.Length..]), when)
                {
                    PublishedBy = Unescape(item.Metadata, ByKey),
                    Comment = Unescape(item.Metadata, CommentKey),
                });
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
        return [.. items.OrderByDescending(i => i.PublishedOn).ThenByDescending(i => i.Version, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RuleSetActivationRecord>> ListActivationsAsync(CancellationToken cancellationToken = default) =>
        log.ReadAsync(cancellationToken);

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
                Parse(metadata, ActivatedOnKey) ?? content.Details.LastModified)
            {
                ETag = content.Details.ETag.ToString(),
                ActivatedBy = Unescape(metadata, ByKey),
            };
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

    private async Task ActivateAsync(string json, string version, RuleSetActivation activation, DateTimeOffset when, string by, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(options.Value.ActiveBlobName).UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string>
                {
                    [VersionKey] = version,
                    [ActivationKey] = activation.ToString().ToLowerInvariant(),
                    [ActivatedOnKey] = Format(when),
                    [ByKey] = Escape(by),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (conditions is not null && ex.Status is 409 or 412)
        {
            throw new RuleSetConflictException("the active rule set changed after you opened the editor (someone else published or rolled back); reload to see it, then apply your edit again", ex);
        }
    }

    /// <summary>Only if the active blob is still the one read (its ETag), or still absent when none was read.</summary>
    private static BlobRequestConditions? Condition(bool conditional, string? expectedETag) =>
        !conditional ? null
        : expectedETag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All }
        : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };

    private string HistoryName(string version) => $"{options.Value.HistoryPrefix}{version}.json";

    private static string Format(DateTimeOffset when) => when.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string Escape(string text) => Uri.EscapeDataString(text);

    private static string? Unescape(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) ? Uri.UnescapeDataString(value) : null;

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
