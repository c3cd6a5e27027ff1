using System.Security.Cryptography;
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
/// An unchanged feed (304, or the same body again) costs one request and no parsing or ledger work.
/// </summary>
public sealed class FeedPoller(
    IOptionsMonitor<FeedOptions> options,
    FeedFetcher fetcher,
    IFeedDocumentParser parser,
    IFeedStateStore states,
    IStoryLedger ledger,
    IMessageQueue queue,
    StoryIngestor ingestor,
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
        var settings = options.CurrentValue;
        var state = await states.GetAsync(source.Name, cancellationToken) ?? new FeedState();
        var now = clock.GetUtcNow();
        if (state.RetryAfter > now)
        {
            logger.LogInformation("Skipping feed {Feed}: the server asked to wait until {RetryAfter}", source.Name, state.RetryAfter);
            return Report(new FeedPollResult(source.Name, 0, 0, NotModified: false, Error: null) { Deferred = true });
        }
        var interval = source.PollInterval ?? settings.PollInterval;
        if (interval > TimeSpan.Zero && state.LastAttempt + interval > now)
        {
            return Report(new FeedPollResult(source.Name, 0, 0, NotModified: false, Error: null) { Deferred = true });
        }
        try
        {
            if (state.IngestInProgress)
            {
                await RequeuePendingAsync(source, cancellationToken);
            }
            var document = await fetcher.FetchAsync(source, state.ETag, state.LastModified, cancellationToken);
            var healthy = state with { LastAttempt = now, LastSuccess = now, ConsecutiveFailures = 0, LastError = null, RetryAfter = null, IngestInProgress = false };
            if (document.NotModified)
            {
                state = healthy with { LastChange = state.LastChange ?? now };
                await states.SaveAsync(source.Name, state, cancellationToken);
                return Report(new FeedPollResult(source.Name, 0, 0, NotModified: true, Error: null));
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(document.Content!));
            if (hash == state.ContentHash)
            {
                // The server ignored the validators (or has none) but the body is the same: nothing to parse.
                state = healthy with { ETag = document.ETag, LastModified = document.LastModified, LastChange = state.LastChange ?? now };
                await states.SaveAsync(source.Name, state, cancellationToken);
                return Report(new FeedPollResult(source.Name, 0, 0, NotModified: false, Error: null) { Unchanged = true });
            }
            var feed = parser.Parse(document);
            state = state with { LastAttempt = now, IngestInProgress = true };
            await states.SaveAsync(source.Name, state, cancellationToken);

            var result = await ingestor.IngestAsync(source, feed.Items, FirstPollCutoff(source, state, now), cancellationToken);
            foreach (var warning in feed.Warnings)
            {
                logger.LogInformation("Feed {Feed}: {Warning}", source.Name, warning);
            }
            // Validators and hash are kept only now that every story is recorded and queued, so a crash re-reads the body.
            state = healthy with { ETag = document.ETag, LastModified = document.LastModified, ContentHash = hash, LastChange = now };
            await states.SaveAsync(source.Name, state, cancellationToken);
            return Report(result with { Feed = source.Name, Items = feed.Items.Count, Warnings = feed.Warnings });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = Describe(ex);
            logger.LogWarning(ex, "Polling feed {Feed} failed: {Error}", source.Name, error);
            state = state with
            {
                LastAttempt = now,
                ConsecutiveFailures = state.ConsecutiveFailures + 1,
                LastError = error,
                RetryAfter = (ex as FeedThrottledException)?.Until,
            };
            await states.SaveAsync(source.Name, state, cancellationToken);
            return Report(new FeedPollResult(source.Name, 0, 0, NotModified: false, Error: error));
        }
        finally
        {
            CheckHealth(source, state, now, settings);
        }
    }

    /// <summary>On a feed's first poll, or its first after a long outage, only recent items are alerted.</summary>
    private DateTimeOffset? FirstPollCutoff(FeedSource source, FeedState state, DateTimeOffset now)
    {
        var settings = options.CurrentValue;
        var window = source.FirstPollWindow ?? settings.FirstPollWindow;
        if (window <= TimeSpan.Zero)
        {
            return null;
        }
        var interval = source.PollInterval ?? settings.PollInterval;
        var outage = settings.OutageAfter > interval * 3 ? settings.OutageAfter : interval * 3;
        var isNew = state.LastSuccess is not { } last || now - last > outage;
        return isNew ? now - window : null;
    }

    private void CheckHealth(FeedSource source, FeedState state, DateTimeOffset now, FeedOptions settings)
    {
        if (state.ConsecutiveFailures >= settings.FailureAlertThreshold)
        {
            logger.LogWarning("Feed {Feed} has failed {ConsecutiveFailures} polls in a row; last error: {Error}", source.Name, state.ConsecutiveFailures, state.LastError);
            TrackHealth(source, state, "failing", null);
        }
        else if (state.LastChange is { } changed && now - changed > settings.StaleAfter)
        {
            logger.LogWarning("Feed {Feed} has not changed since {LastChange}", source.Name, changed);
            TrackHealth(source, state, "stale", Math.Round((now - changed).TotalDays, 1));
        }
    }

    private void TrackHealth(FeedSource source, FeedState state, string problem, double? unchangedDays) =>
        telemetry.Track(PipelineEvents.FeedHealth, null, new Dictionary<string, object?>
        {
            ["feedName"] = source.Name,
            ["consecutiveFailures"] = state.ConsecutiveFailures,
            ["problem"] = problem,
            ["unchangedDays"] = unchangedDays,
            ["lastSuccess"] = state.LastSuccess,
        });

    private static string Describe(Exception ex) => ex switch
    {
        Polly.Timeout.TimeoutRejectedException => "timed out",
        OperationCanceledException => "timed out",
        _ => ex.Message.ReplaceLineEndings(" "),
    };

    private async Task RequeuePendingAsync(FeedSource source, CancellationToken cancellationToken)
    {
        await foreach (var story in ledger.ListPendingAsync(source.Name, cancellationToken))
        {
            logger.LogWarning("Re-enqueuing story {StoryId} of feed {Feed}, recorded but never confirmed on the queue", story.Id, source.Name);
            await queue.SendAsync(QueueNames.Stories, new StoryMessage(story.Id, story.Feed), cancellationToken);
            await ledger.SetStatusAsync(story.Id, StoryStatus.Enqueued, cancellationToken);
        }
    }

    private FeedPollResult Report(FeedPollResult result)
    {
        telemetry.Track(PipelineEvents.FeedPolled, null, new Dictionary<string, object?>
        {
            ["feed"] = result.Feed,
            ["items"] = result.Items,
            ["new"] = result.NewStories,
            ["updated"] = result.Updated,
            ["seen"] = result.Seen,
            ["languageVersions"] = result.LanguageVersions,
            ["filtered"] = result.Filtered,
            ["notModified"] = result.NotModified,
            ["unchanged"] = result.Unchanged,
            ["deferred"] = result.Deferred,
            ["ok"] = result.Ok,
        });
        return result;
    }
}
