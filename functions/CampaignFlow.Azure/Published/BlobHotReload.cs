using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Storage.Blobs;

namespace CampaignFlow.Azure.Published;

/// <summary>
/// A value staff publish to one blob, kept in step while the app runs: the ETag is checked at most once per interval,
/// off the caller's path, and a changed blob is read and swapped in, or refused (once per ETag) while the value in use
/// stays; when the blob is gone the built-in value returns. <see cref="ReadyAsync"/> waits for the first check, so the
/// first caller after a cold start already sees what was published. A subclass says how a blob is read and logs.
/// </summary>
public abstract class BlobHotReload<T>(BlobClient blob, TimeSpan interval, TimeProvider time, T builtIn)
    where T : class
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile T current = builtIn;
    private ETag? loadedETag;
    private ETag? refusedETag;
    private long lastCheckTicks = long.MinValue;
    private Task? firstCheck;
    private object? firstCheckLock;
    private Task backgroundCheck = Task.CompletedTask;

    /// <summary>The value in use; starts a background check when one is due.</summary>
    public T Current
    {
        get
        {
            var last = Interlocked.Read(ref lastCheckTicks);
            // Why: claiming the check with a compare-exchange lets exactly one caller start it, however many read at once.
            if (IsDue(last) && Interlocked.CompareExchange(ref lastCheckTicks, time.GetTimestamp(), last) == last)
            {
                backgroundCheck = Task.Run(() => CheckSafelyAsync(waitForRunningCheck: false));
            }
            return current;
        }
    }

    /// <summary>Why the blob was last refused; null once a blob is loaded or gone.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The check the last due read of <see cref="Current"/> started in the background (completed if none): tests await it instead of polling.</summary>
    internal Task BackgroundCheck => backgroundCheck;

    /// <summary>Completes once the first check is done, after any check already running; a failed check is logged, not thrown.</summary>
    public ValueTask ReadyAsync(CancellationToken cancellationToken = default)
    {
        var first = LazyInitializer.EnsureInitialized(ref firstCheck, ref firstCheckLock, () => CheckSafelyAsync(waitForRunningCheck: true));
        return first.IsCompleted ? ValueTask.CompletedTask : new ValueTask(first.WaitAsync(cancellationToken));
    }

    /// <summary>Checks the blob now, unless a check is running. True when the value in use changed.</summary>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken = default) => RefreshAsync(waitForRunningCheck: false, cancellationToken);

    /// <summary>The value used while no blob is loaded.</summary>
    protected T BuiltIn { get; } = builtIn;

    /// <summary>Reads a changed blob into the value to use, or refuses it; logs which, with what it found.</summary>
    protected abstract bool TryRead(BinaryData content, string blobName, T inUse, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? refusal);

    /// <summary>Logs that the blob is gone and the built-in value is back.</summary>
    protected abstract void LogGone(string blobName);

    /// <summary>Logs a storage error of one check; the value in use stays.</summary>
    protected abstract void LogStorageError(RequestFailedException exception, T inUse);

    /// <summary>Logs a check (the first, or one in the background) that failed; the value in use stays until the next.</summary>
    protected abstract void LogCheckFailed(Exception exception, T inUse);

    private async Task CheckSafelyAsync(bool waitForRunningCheck)
    {
        try
        {
            await RefreshAsync(waitForRunningCheck).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Why: callers wait on the first check; a failure must cost the published value, never the caller's work.
            LogCheckFailed(ex, current);
        }
    }

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
                LogGone(blob.Name);
                (current, loadedETag, Refusal) = (BuiltIn, null, null);
                return true;
            }
            if (etag == loadedETag || etag == refusedETag)
            {
                return false;
            }
            var content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            if (!TryRead(content, blob.Name, current, out var value, out var refusal))
            {
                (refusedETag, Refusal) = (etag, refusal);
                return false;
            }
            (current, loadedETag, refusedETag, Refusal) = (value, etag, null, null);
            return true;
        }
        catch (RequestFailedException ex)
        {
            LogStorageError(ex, current);
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool IsDue(long last) => last == long.MinValue || time.GetElapsedTime(last) >= interval;
}
