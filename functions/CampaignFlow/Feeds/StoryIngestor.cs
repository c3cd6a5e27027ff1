using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Feeds;

/// <summary>
/// Records a feed's items in the story ledger: a new story is alerted once; a known one is at most updated (an edit,
/// never a new alert); a release already held by another language's story becomes its language version; items older
/// than the first-poll cutoff are recorded as seen.
/// </summary>
public sealed class StoryIngestor(
    IOptionsMonitor<FeedOptions> options,
    IStoryLedger ledger,
    IMessageQueue queue,
    ArticleFetcher articles,
    IStoryTextStore texts,
    IPipelineTelemetry telemetry,
    TimeProvider clock,
    ILogger<StoryIngestor> logger)
{
    public async Task<FeedPollResult> IngestAsync(FeedSource source, IReadOnlyList<FeedItem> items, DateTimeOffset? cutoff, CancellationToken cancellationToken = default)
    {
        int added = 0, updated = 0, seen = 0, versions = 0, filtered = 0;
        foreach (var item in items)
        {
            if (!FeedItemFilter.Keeps(source.Filter, item))
            {
                filtered++;
                continue;
            }
            switch (await IngestAsync(source, item, cutoff, cancellationToken))
            {
                case Outcome.New: added++; break;
                case Outcome.Updated: updated++; break;
                case Outcome.Seen: seen++; break;
                case Outcome.LanguageVersion: versions++; break;
            }
        }
        return new FeedPollResult(source.Name, items.Count, added, NotModified: false, Error: null)
        {
            Updated = updated,
            Seen = seen,
            LanguageVersions = versions,
            Filtered = filtered,
        };
    }

    private async Task<Outcome> IngestAsync(FeedSource source, FeedItem item, DateTimeOffset? cutoff, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(item.Title) && string.IsNullOrWhiteSpace(item.Summary))
        {
            return Outcome.Known;
        }
        var title = item.Title ?? "";
        var summary = item.Summary ?? "";
        var (id, sameGuidOtherLanguage, edited) = await IdentifyAsync(source, item, title, summary, cancellationToken);
        if (edited is { } outcome)
        {
            return outcome;
        }

        var published = item.Published ?? item.Updated;
        // Undated items on a first poll count as old: nothing shows they are news, and a backlog must not flood.
        var old = cutoff is { } since && (published is null || published < since);
        var story = new Story
        {
            Id = id,
            Feed = source.Name,
            Language = source.Language,
            Title = title,
            Summary = summary,
            Link = item.Link,
            Published = published,
            Status = old ? StoryStatus.Skipped : StoryStatus.Pending,
            ReleaseKey = ReleaseKey.For(item.Link, source.ReleaseKeyPattern ?? options.CurrentValue.ReleaseKeyPattern),
        };
        ReleaseClaim? holder = null;
        if (sameGuidOtherLanguage is { } original)
        {
            holder = new ReleaseClaim(original.ReleaseOf ?? original.Id, original.Language);
            story = story with { ReleaseOf = holder.StoryId, Status = old ? StoryStatus.Skipped : StoryStatus.LanguageVersion };
        }
        else if (story.ReleaseKey is { } release)
        {
            var claim = await ledger.ClaimReleaseAsync(release, id, source.Language, cancellationToken);
            if (claim.StoryId != id)
            {
                holder = claim;
                var otherLanguage = !string.Equals(claim.Language, source.Language, StringComparison.OrdinalIgnoreCase);
                story = story with
                {
                    ReleaseOf = claim.StoryId,
                    Status = old ? StoryStatus.Skipped : otherLanguage ? StoryStatus.LanguageVersion : StoryStatus.Duplicate,
                };
            }
        }
        if (!await ledger.TryAddAsync(story, cancellationToken))
        {
            return Outcome.Known;
        }
        switch (story.Status)
        {
            case StoryStatus.Pending:
                await StoreFullTextAsync(source, item, story, cancellationToken);
                await queue.SendAsync(QueueNames.Stories, new StoryMessage(story.Id, story.Feed), cancellationToken);
                await ledger.SetStatusAsync(story.Id, StoryStatus.Enqueued, cancellationToken);
                telemetry.Track(PipelineEvents.StoryIngested, story.Id, new Dictionary<string, object?> { ["feed"] = source.Name });
                return Outcome.New;
            case StoryStatus.LanguageVersion:
                await ledger.AddLanguageVersionAsync(holder!.StoryId, source.Language, story.Id, cancellationToken);
                telemetry.Track(PipelineEvents.StoryLanguageVersion, story.Id, new Dictionary<string, object?>
                {
                    ["feed"] = source.Name,
                    ["language"] = source.Language,
                    ["releaseOf"] = holder.StoryId,
                });
                return Outcome.LanguageVersion;
            case StoryStatus.Duplicate:
                logger.LogInformation("Story {StoryId} of feed {Feed} re-publishes release {ReleaseKey} (story {ReleaseOf}); not alerted again", story.Id, source.Name, story.ReleaseKey, story.ReleaseOf);
                return Outcome.Seen;
            default:
                return Outcome.Seen;
        }
    }

    /// <summary>
    /// The item's ledger key, and the outcome when it is a known story (an edit). When another language's feed uses the
    /// same guid (an id-only URL), the item is that story's version in this language, kept under a key of its own so
    /// neither text overwrites the other: the other language's story is returned with it.
    /// </summary>
    private async Task<(string Id, Story? OtherLanguage, Outcome? Edited)> IdentifyAsync(
        FeedSource source, FeedItem item, string title, string summary, CancellationToken cancellationToken)
    {
        var id = StoryKey.For(item);
        if (await ledger.GetAsync(id, cancellationToken) is not { } known)
        {
            return (id, null, null);
        }
        if (SameLanguage(known.Language, source.Language))
        {
            return (id, null, await RecordEditAsync(known, title, summary, cancellationToken));
        }
        var versionId = StoryKey.ForLanguage(id, source.Language);
        return await ledger.GetAsync(versionId, cancellationToken) is { } knownVersion
            ? (versionId, known, await RecordEditAsync(knownVersion, title, summary, cancellationToken))
            : (versionId, known, null);
    }

    /// <summary>
    /// Keeps the article's full text for the classifier: the feed's own content when it carries one, else the article
    /// page. A failure leaves the story with its summary; it never holds up the story.
    /// </summary>
    private async Task StoreFullTextAsync(FeedSource source, FeedItem item, Story story, CancellationToken cancellationToken)
    {
        var storyId = story.Id;
        if (!options.CurrentValue.Articles.Enabled)
        {
            return;
        }
        try
        {
            var page = item.ContentHtml is null && item.Link is { } link ? await articles.FetchAsync(source, link, cancellationToken) : null;
            await ClaimAlternatesAsync(source, story, page?.Alternates ?? [], cancellationToken);
            var text = item.ContentHtml is { Length: > 0 } html ? HtmlText.Of(html) : page?.Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }
            await texts.SaveAsync(storyId, text, cancellationToken);
            await ledger.SetHasFullTextAsync(storyId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not get the full text of story {StoryId} of feed {Feed}: {Error}", storyId, source.Name, ex.Message);
        }
    }

    /// <summary>
    /// The pages of a release link each other (hreflang alternates): the releases of those links are claimed for this
    /// story too, so their items in other feeds become its language versions even where the page ids differ.
    /// </summary>
    private async Task ClaimAlternatesAsync(FeedSource source, Story story, IReadOnlyList<string> alternates, CancellationToken cancellationToken)
    {
        var pattern = source.ReleaseKeyPattern ?? options.CurrentValue.ReleaseKeyPattern;
        foreach (var key in alternates.Select(a => ReleaseKey.For(a, pattern)).OfType<string>().Where(k => k != story.ReleaseKey).Distinct())
        {
            await ledger.ClaimReleaseAsync(key, story.Id, story.Language, cancellationToken);
        }
    }

    /// <summary>An edit of a known story is recorded on its row, never alerted again.</summary>
    private async Task<Outcome> RecordEditAsync(Story known, string title, string summary, CancellationToken cancellationToken)
    {
        var titleChanged = title.Length > 0 && title != known.Title;
        var summaryChanged = summary.Length > 0 && summary != known.Summary;
        if (!titleChanged && !summaryChanged)
        {
            return Outcome.Known;
        }
        var edited = known with
        {
            Title = titleChanged ? title : known.Title,
            Summary = summaryChanged ? summary : known.Summary,
            PreviousTitle = titleChanged ? known.Title : known.PreviousTitle,
            Updates = known.Updates + 1,
            LastUpdated = clock.GetUtcNow(),
        };
        await ledger.RecordUpdateAsync(edited, cancellationToken);
        telemetry.Track(PipelineEvents.StoryUpdated, known.Id, new Dictionary<string, object?>
        {
            ["feed"] = known.Feed,
            ["updates"] = edited.Updates,
            ["titleChanged"] = titleChanged,
            ["summaryChanged"] = summaryChanged,
        });
        return Outcome.Updated;
    }

    private static bool SameLanguage(string? a, string? b) =>
        string.Equals(Languages.Normalize(a), Languages.Normalize(b), StringComparison.Ordinal);

    private enum Outcome { Known, New, Updated, Seen, LanguageVersion }
}
