using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Feeds;

/// <summary>
/// Polls every enabled feed and puts each story it has never seen on the stories queue.
/// A story is recorded as pending, enqueued, then marked enqueued; pending stories left by a crash
/// are enqueued again on the next poll (the classifier tolerates the duplicate).
/// </summary>
public sealed class FeedPoller(
    IOptionsMonitor<FeedOptions> options,
    FeedFetcher fetcher,
    IFeedStateStore states,
    IStoryLedger ledger,
    IMessageQueue queue,
    IPipelineTelemetry telemetry,
    TimeProvider clock,
    ILogger<FeedPoller> logger) : IFeedPoller
{
    public async Task<IReadOnlyList<FeedPollResult>> PollAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<FeedPollResult>();
        foreach (var source in options.CurrentValue.Sources.Where(s => s.Enabled))
        {
            results.Add(await PollAsync(source, cancellationToken));
        }
        return results;
    }

    public async Task<FeedPollResult> PollAsync(FeedSource source, CancellationToken cancellationToken = default)
    {
        var state = await states.GetAsync(source.Name, cancellationToken) ?? new FeedState();
        var now = clock.GetUtcNow();
        try
        {
            await RequeuePendingAsync(source, cancellationToken);
            var document = await fetcher.FetchAsync(source, state.ETag, state.LastModified, cancellationToken);
            if (document.NotModified)
            {
                await states.SaveAsync(source.Name, state with { LastSuccess = now, ConsecutiveFailures = 0, LastError = null }, cancellationToken);
                return Report(new FeedPollResult(source.Name, 0, 0, NotModified: true, Error: null));
            }
            var feed = FeedParser.Parse(document.Content!, document.ContentType, document.BaseUri);
            var added = 0;
            foreach (var item in feed.Items)
            {
                added += await IngestAsync(source, item, cancellationToken) ? 1 : 0;
            }
            await states.SaveAsync(
                source.Name,
                state with
                {
                    ETag = document.ETag,
                    LastModified = document.LastModified,
                    LastSuccess = now,
                    LastChange = added > 0 ? now : state.LastChange ?? now,
                    ConsecutiveFailures = 0,
                    LastError = null,
                },
                cancellationToken);
            return Report(new FeedPollResult(source.Name, feed.Items.Count, added, NotModified: false, Error: null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = ex.Message.ReplaceLineEndings(" ");
            logger.LogWarning(ex, "Polling feed {Feed} failed: {Error}", source.Name, error);
            await states.SaveAsync(source.Name, state with { ConsecutiveFailures = state.ConsecutiveFailures + 1, LastError = error }, cancellationToken);
            return Report(new FeedPollResult(source.Name, 0, 0, NotModified: false, Error: error));
        }
    }

    private async Task<bool> IngestAsync(FeedSource source, FeedItem item, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(item.Title) && string.IsNullOrWhiteSpace(item.Summary))
        {
            return false;
        }
        var story = new Story
        {
            Id = StoryKey.For(item),
            Feed = source.Name,
            Language = source.Language,
            Title = item.Title ?? "",
            Summary = item.Summary ?? "",
            Link = item.Link,
            Published = item.Published ?? item.Updated,
        };
        if (!await ledger.TryAddAsync(story, cancellationToken))
        {
            return false;
        }
        await EnqueueAsync(story, cancellationToken);
        telemetry.Track(PipelineEvents.StoryIngested, story.Id, new Dictionary<string, object?> { ["feed"] = source.Name });
        return true;
    }

    private async Task RequeuePendingAsync(FeedSource source, CancellationToken cancellationToken)
    {
        await foreach (var story in ledger.ListPendingAsync(source.Name, cancellationToken))
        {
            logger.LogWarning("Re-enqueuing story {StoryId} of feed {Feed}, recorded but never confirmed on the queue", story.Id, source.Name);
            await EnqueueAsync(story, cancellationToken);
        }
    }

    private async Task EnqueueAsync(Story story, CancellationToken cancellationToken)
    {
        await queue.SendAsync(QueueNames.Stories, new StoryMessage(story.Id, story.Feed), cancellationToken);
        await ledger.SetStatusAsync(story.Id, StoryStatus.Enqueued, cancellationToken);
    }

    private FeedPollResult Report(FeedPollResult result)
    {
        telemetry.Track(PipelineEvents.FeedPolled, null, new Dictionary<string, object?>
        {
            ["feed"] = result.Feed,
            ["items"] = result.Items,
            ["new"] = result.NewStories,
            ["notModified"] = result.NotModified,
            ["ok"] = result.Ok,
        });
        return result;
    }
}
