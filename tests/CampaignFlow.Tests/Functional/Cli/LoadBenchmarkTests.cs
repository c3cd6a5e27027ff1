using System.Text.Json;
using CampaignFlow.Cli.Bench;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>
/// The <c>bench load</c> machinery end to end at a size the suite can afford: one poll on the local host (WebJobs
/// queue listeners, real stages), its own Azurite, the real SendGrid client against the loopback endpoint.
/// </summary>
public sealed class LoadBenchmarkTests
{
    [Fact]
    public async Task OnePollReachesEveryMatchingSubscriberExactlyOnceAndCountsItsStorageRequests()
    {
        var result = await LoadBenchmark.RunAsync(stories: 48, subscribers: 400, TextWriter.Null);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result));
        var root = json.RootElement;
        foreach (var name in new[] { "stories", "relevant", "subscribers", "expected", "sent", "duplicates", "lost", "unexpected", "requests", "seconds",
            "stories_per_s", "emails_per_s", "peak_working_set_mb", "storage_requests", "storage_requests_per_recipient", "ledger_requests", "ledger_requests_per_recipient" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(name).ValueKind);
        }
        Assert.Equal(48, result.Stories);
        Assert.Equal(400, result.Subscribers);
        // One story in 8 comes from a text the labeled corpus marks relevant; the classifier sends each of them.
        Assert.Equal(6, result.Relevant);
        Assert.True(result.Expected > result.Relevant, $"only {result.Expected} emails expected");
        Assert.Equal(result.Expected, result.Sent);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Unexpected);
        Assert.True(result.Passed);
        Assert.InRange(result.Requests, result.Relevant, result.Relevant * 10);
        Assert.Equal(result.Sent / result.Seconds, result.EmailsPerSecond, tolerance: 0.05 + (result.Sent * 0.0005 / (result.Seconds * result.Seconds)));
        Assert.Equal(48 / result.Seconds, result.StoriesPerSecond, tolerance: 0.05 + (48 * 0.0005 / (result.Seconds * result.Seconds)));
        // Every service was used, the ledger wrote for the deliveries, and the totals are what the parts add to.
        Assert.All(result.StorageRequestsByService.Values, n => Assert.True(n > 0));
        Assert.Equal(result.StorageRequests, result.StorageRequestsByService.Values.Sum());
        Assert.InRange(result.LedgerRequests, 1, result.StorageRequests);
        Assert.Equal((double)result.LedgerRequests / result.Sent, result.LedgerRequestsPerRecipient, tolerance: 0.001);
        Assert.InRange(result.PeakWorkingSetMb, 1, 4096);
    }

    [Fact]
    public void TheFeedHasOneRelevantTextInEightAndDistinctLinks()
    {
        var corpus = Path.Combine(CampaignFlow.Cli.Local.RepositoryRoot.Find(), "config", "corpus", "stories.jsonl");
        var feed = CampaignFlow.Feeds.FeedParser.Parse(LoadFeed.Build(corpus, 1000, DateTimeOffset.UtcNow));

        Assert.Equal(1000, feed.Items.Count);
        Assert.Equal(1000, feed.Items.Select(i => i.Link).Distinct().Count());
        Assert.Equal(1000, feed.Items.Select(i => i.Title).Distinct().Count());
    }
}
