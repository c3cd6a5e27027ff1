using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Templates = System.Collections.Generic.IReadOnlyDictionary<string, CampaignFlow.Delivery.EmailTemplate>;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Published;

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
    private readonly TemplatesReload templates = new(
        container.GetBlobClient(options.Value.ActiveBlobName), TimeSpan.FromSeconds(options.Value.RefreshSeconds), time, logger, builtIn);

    public async ValueTask<EmailTemplate> GetAsync(string name, string? language, CancellationToken cancellationToken = default)
    {
        await templates.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return EmailTemplateLoader.Select(templates.Current, name, language);
    }

    /// <summary>Checks the blob now and swaps in what changed. True when the templates in use changed.</summary>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken = default) => templates.RefreshAsync(cancellationToken);

    /// <summary>The background check a due read started (tests await it rather than poll).</summary>
    internal Task BackgroundCheck => templates.BackgroundCheck;

    private sealed class TemplatesReload(BlobClient blob, TimeSpan interval, TimeProvider time, ILogger logger, Templates builtInTemplates)
        : BlobHotReload<Templates>(blob, interval, time, builtInTemplates)
    {
        protected override bool TryRead(
            BinaryData content, string blobName, Templates inUse, [NotNullWhen(true)] out Templates? value, [NotNullWhen(false)] out string? refusal)
        {
            (value, refusal) = (null, null);
            PublishedTemplates? published;
            try
            {
                published = content.ToObjectFromJson<PublishedTemplates>(BlobEmailTemplateStore.Json);
            }
            catch (JsonException ex)
            {
                refusal = $"not a published template set ({ex.Message})";
                logger.LogError("Refused published templates {Blob}: not a published template set ({Reason}); keeping the templates in use", blobName, ex.Message);
                return false;
            }
            if (published is not { V: 1, Files: not null })
            {
                refusal = "not a version 1 set with files";
                logger.LogError("Refused published templates {Blob}: not a version 1 set with files; keeping the templates in use", blobName);
                return false;
            }
            value = Merge(blobName, EmailTemplateLoader.Compile(published.Files, complete: false), inUse);
            return true;
        }

        private Dictionary<string, EmailTemplate> Merge(string blob, EmailTemplateSet set, Templates inUse)
        {
            // A template not in the published set is the built-in one; a refused one stays what it was.
            var next = new Dictionary<string, EmailTemplate>(BuiltIn, StringComparer.Ordinal);
            foreach (var (key, template) in set.Templates)
            {
                next[key] = template;
            }
            foreach (var key in set.Refused)
            {
                var kept = inUse.GetValueOrDefault(key);
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
                    kept is null ? "English" : ReferenceEquals(kept, BuiltIn.GetValueOrDefault(key)) ? "built-in" : "last good published",
                    string.Join("; ", set.Problems.Where(p => EmailTemplateLoader.TemplateOf(p.File) == key)));
            }
            foreach (var problem in set.Problems.Where(p => EmailTemplateLoader.TemplateOf(p.File) is null))
            {
                logger.LogError("Ignored {File} in published templates {Blob}: {Problem}", problem.File, blob, problem.ToString());
            }
            logger.LogInformation("Loaded published templates from {Blob}: {Templates}", blob, string.Join(", ", set.Templates.Keys.Order(StringComparer.Ordinal)));
            return next;
        }

        protected override void LogGone(string blobName) =>
            logger.LogWarning("Published templates {Blob} are gone; using the built-in templates", blobName);

        protected override void LogStorageError(RequestFailedException exception, Templates inUse) =>
            logger.LogError(exception, "Could not check the published templates; keeping the templates in use");

        protected override void LogCheckFailed(Exception exception, Templates inUse) =>
            logger.LogError(exception, "Could not check the published templates; keeping the templates in use until the next check");
    }
}
