using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Classification;

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
    private readonly CompiledRuleSet defaultRules = fallback;
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile CompiledRuleSet current = fallback;
    private ETag? loadedETag;
    private ETag? refusedETag;
    private long lastCheckTicks = long.MinValue;
    private Task? firstCheck;
    private object? firstCheckLock;

    /// <summary>The current set; starts a background refresh when one is due.</summary>
    public CompiledRuleSet Current
    {
        get
        {
            var last = Interlocked.Read(ref lastCheckTicks);
            // Why: claiming the check with a compare-exchange lets exactly one caller start it, however many classify at once.
            if (IsDue(last) && Interlocked.CompareExchange(ref lastCheckTicks, time.GetTimestamp(), last) == last)
            {
                _ = Task.Run(() => RefreshAsync());
            }
            return current;
        }
    }

    /// <summary>The last refusal message, for the staff page; null when the active blob is valid.</summary>
    public string? LastError { get; private set; }

    public ValueTask ReadyAsync(CancellationToken cancellationToken = default)
    {
        var first = LazyInitializer.EnsureInitialized(ref firstCheck, ref firstCheckLock, FirstCheckAsync);
        return first.IsCompleted ? ValueTask.CompletedTask : new ValueTask(first.WaitAsync(cancellationToken));
    }

    private async Task FirstCheckAsync()
    {
        try
        {
            await RefreshAsync(waitForRunningCheck: true).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Why: every first story waits on this check; a failure must cost the published rules, never the story.
            logger.LogError(ex, "Could not check the rule set blob; classifying with {Version} until the next check", current.Version);
        }
    }

    /// <summary>Checks the blob now and swaps in a changed, valid rule set. True when the set changed.</summary>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken = default) => RefreshAsync(waitForRunningCheck: false, cancellationToken);

    private async Task<bool> RefreshAsync(bool waitForRunningCheck, CancellationToken cancellationToken = default)
    {
        if (waitForRunningCheck)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (!await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        try
        {
            Interlocked.Exchange(ref lastCheckTicks, time.GetTimestamp());
            var blob = container.GetBlobClient(options.Value.ActiveBlobName);
            ETag etag;
            try
            {
                etag = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                if (loadedETag is null)
                {
                    return false;
                }
                logger.LogWarning("Active rule set blob {Blob} is gone; using the default rule set {Version}", blob.Name, defaultRules.Version);
                (current, loadedETag, LastError) = (defaultRules, null, null);
                return true;
            }
            if (etag == loadedETag || etag == refusedETag)
            {
                return false;
            }
            var json = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
            try
            {
                var compiled = RuleSetLoader.Compile(json, blob.Name);
                (current, loadedETag, refusedETag, LastError) = (compiled, etag, null, null);
                logger.LogInformation("Loaded rule set {Version} from {Blob}", compiled.Version, blob.Name);
                return true;
            }
            catch (RuleSetValidationException ex)
            {
                (refusedETag, LastError) = (etag, ex.Message);
                logger.LogError("Refused rule set in {Blob}; keeping {Version}: {Errors}", blob.Name, current.Version, string.Join("; ", ex.Errors));
                return false;
            }
        }
        catch (RequestFailedException ex)
        {
            logger.LogError(ex, "Could not check the rule set blob; keeping {Version}", current.Version);
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool IsDue(long last) =>
        last == long.MinValue || time.GetElapsedTime(last) >= TimeSpan.FromSeconds(options.Value.RefreshSeconds);
}
