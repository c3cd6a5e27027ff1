using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// The templates in use: the built-in ones, overridden by those staff published to blob storage. The first request
/// waits for the published set (so the first mail after a cold start already uses it); after that the ETag is checked
/// at most every <see cref="EmailTemplateOptions.RefreshSeconds"/>, off the request path, and a changed set swapped in.
/// A published template with a problem is refused — logged with the file, line and reason — and the one in use before
/// (the last good published one, or the built-in one) stays; when the blob is gone the built-in templates return.
/// </summary>
public sealed class BlobEmailTemplateProvider(
    BlobContainerClient container,
    IOptions<EmailTemplateOptions> options,
    TimeProvider time,
    ILogger<BlobEmailTemplateProvider> logger,
    IReadOnlyDictionary<string, EmailTemplate> builtIn) : IEmailTemplateProvider
{
    private readonly IReadOnlyDictionary<string, EmailTemplate> builtInTemplates = builtIn;
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile IReadOnlyDictionary<string, EmailTemplate> current = builtIn;
    private Task? firstCheck;
    private object? firstCheckLock;
    private ETag? loadedETag;
    private ETag? refusedETag;
    private long lastCheckTicks = long.MinValue;

    public async ValueTask<EmailTemplate> GetAsync(string name, string? language, CancellationToken cancellationToken = default)
    {
        var first = LazyInitializer.EnsureInitialized(ref firstCheck, ref firstCheckLock, CheckSafelyAsync);
        if (!first.IsCompleted)
        {
            await first.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var last = Interlocked.Read(ref lastCheckTicks);
            // Why: claiming the check with a compare-exchange lets exactly one caller start it, however many send at once.
            if (IsDue(last) && Interlocked.CompareExchange(ref lastCheckTicks, time.GetTimestamp(), last) == last)
            {
                _ = Task.Run(CheckSafelyAsync);
            }
        }
        return EmailTemplateLoader.Select(current, name, language);
    }

    private async Task CheckSafelyAsync()
    {
        try
        {
            await RefreshAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Why: the first check is awaited by every request until it completes; a failure must cost the override, never the mail.
            logger.LogError(ex, "Could not check the published templates; keeping the templates in use until the next check");
        }
    }

    /// <summary>Checks the blob now and swaps in what changed. True when the templates in use changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (!await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
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
                logger.LogWarning("Published templates {Blob} are gone; using the built-in templates", blob.Name);
                (current, loadedETag) = (builtInTemplates, null);
                return true;
            }
            if (etag == loadedETag || etag == refusedETag)
            {
                return false;
            }
            var content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            PublishedTemplates? published;
            try
            {
                published = content.ToObjectFromJson<PublishedTemplates>(BlobEmailTemplateStore.Json);
            }
            catch (JsonException ex)
            {
                refusedETag = etag;
                logger.LogError("Refused published templates {Blob}: not a published template set ({Reason}); keeping the templates in use", blob.Name, ex.Message);
                return false;
            }
            if (published is not { V: 1, Files: not null })
            {
                refusedETag = etag;
                logger.LogError("Refused published templates {Blob}: not a version 1 set with files; keeping the templates in use", blob.Name);
                return false;
            }
            Apply(blob.Name, EmailTemplateLoader.Compile(published.Files, complete: false));
            (loadedETag, refusedETag) = (etag, null);
            return true;
        }
        catch (RequestFailedException ex)
        {
            logger.LogError(ex, "Could not check the published templates; keeping the templates in use");
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    private void Apply(string blob, EmailTemplateSet set)
    {
        // A template not in the published set is the built-in one; a refused one stays what it was.
        var next = new Dictionary<string, EmailTemplate>(builtInTemplates, StringComparer.Ordinal);
        foreach (var (key, template) in set.Templates)
        {
            next[key] = template;
        }
        foreach (var key in set.Refused)
        {
            var kept = current.GetValueOrDefault(key);
            if (kept is not null)
            {
                next[key] = kept;
            }
            else
            {
                next.Remove(key);
            }
            logger.LogError(
                "Refused published template {Template} in {Blob}; keeping the {Kept} one: {Problems}",
                key,
                blob,
                kept is null ? "English" : ReferenceEquals(kept, builtInTemplates.GetValueOrDefault(key)) ? "built-in" : "last good published",
                string.Join("; ", set.Problems.Where(p => EmailTemplateLoader.TemplateOf(p.File) == key)));
        }
        foreach (var problem in set.Problems.Where(p => EmailTemplateLoader.TemplateOf(p.File) is null))
        {
            logger.LogError("Ignored {File} in published templates {Blob}: {Problem}", problem.File, blob, problem.ToString());
        }
        current = next;
        logger.LogInformation("Loaded published templates from {Blob}: {Templates}", blob, string.Join(", ", set.Templates.Keys.Order(StringComparer.Ordinal)));
    }

    private bool IsDue(long last) =>
        last == long.MinValue || time.GetElapsedTime(last) >= TimeSpan.FromSeconds(options.Value.RefreshSeconds);
}
