using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Classification;

namespace CampaignFlow.Azure.Published;

/// <summary>
/// Hot-reloads the active rule set from blob storage: checks the ETag at most every
/// <see cref="ClassificationOptions.RefreshSeconds"/>, compiles a changed blob off the request path and
/// swaps it in atomically. An invalid blob is refused (logged once per ETag) and the last good set stays;
/// when the blob is absent the fallback (the embedded default) is used. <see cref="ReadyAsync"/> waits for the first
/// check, so the first story after a cold start is classified with the published set, not the default.
/// </summary>
public sealed class BlobRuleSetProvider(
    BlobContainerClient container,
    IOptions<ClassificationOptions> options,
    TimeProvider time,
    ILogger<BlobRuleSetProvider> logger,
    CompiledRuleSet fallback) : IRuleSetProvider
{
    private readonly RuleSetReload rules = new(
        container.GetBlobClient(options.Value.ActiveBlobName), TimeSpan.FromSeconds(options.Value.RefreshSeconds), time, logger, fallback);

    /// <summary>The current set; starts a background refresh when one is due.</summary>
    public CompiledRuleSet Current => rules.Current;

    /// <summary>The last refusal message, for the staff page; null when the active blob is valid.</summary>
    public string? LastError => rules.Refusal;

    public ValueTask ReadyAsync(CancellationToken cancellationToken = default) => rules.ReadyAsync(cancellationToken);

    /// <summary>Checks the blob now and swaps in a changed, valid rule set. True when the set changed.</summary>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken = default) => rules.RefreshAsync(cancellationToken);

    /// <summary>The background check a due read started (tests await it rather than poll).</summary>
    internal Task BackgroundCheck => rules.BackgroundCheck;

    private sealed class RuleSetReload(BlobClient blob, TimeSpan interval, TimeProvider time, ILogger logger, CompiledRuleSet defaultRules)
        : BlobHotReload<CompiledRuleSet>(blob, interval, time, defaultRules)
    {
        protected override bool TryRead(
            BinaryData content, string blobName, CompiledRuleSet inUse, [NotNullWhen(true)] out CompiledRuleSet? value, [NotNullWhen(false)] out string? refusal)
        {
            try
            {
                (value, refusal) = (RuleSetLoader.Compile(content.ToString(), blobName), null);
                logger.LogInformation("Loaded rule set {Version} from {Blob}", value.Version, blobName);
                return true;
            }
            catch (RuleSetValidationException ex)
            {
                (value, refusal) = (null, ex.Message);
                logger.LogError("Refused rule set in {Blob}; keeping {Version}: {Errors}", blobName, inUse.Version, string.Join("; ", ex.Errors));
                return false;
            }
        }

        protected override void LogGone(string blobName) =>
            logger.LogWarning("Active rule set blob {Blob} is gone; using the default rule set {Version}", blobName, BuiltIn.Version);

        protected override void LogStorageError(RequestFailedException exception, CompiledRuleSet inUse) =>
            logger.LogError(exception, "Could not check the rule set blob; keeping {Version}", inUse.Version);

        protected override void LogCheckFailed(Exception exception, CompiledRuleSet inUse) =>
            logger.LogError(exception, "Could not check the rule set blob; classifying with {Version} until the next check", inUse.Version);
    }
}
