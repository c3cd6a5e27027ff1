using System.Globalization;
using CampaignFlow.Classification;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>The digest's documented edges: 429 deferral, stories approved on review, a story gone, groups above 1,000.</summary>
public sealed class DigestEdgeCaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Subscriber Digest(Subscriber s) => s with { Cadence = Cadence.DailyDigest };

    [Fact]
    public async Task DefersADigestBatchRefusedWith429UntilTheRateLimitResets()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var readers = await h.SubscribersAsync(2, "digest", Digest);
        var reset = h.Clock.GetUtcNow().AddSeconds(90).ToUnixTimeSeconds();
        h.Endpoint.Script.Enqueue(new ScriptedResponse(429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture) }));
        var batch = Assert.Single(await h.PlanDigestAsync(story));

        await h.RunAsync(batch);

        var (queue, body, delay) = Assert.Single(h.Queue.Deferred);
        Assert.Equal(QueueNames.Digests, queue);
        Assert.InRange(delay, TimeSpan.FromSeconds(88), TimeSpan.FromSeconds(91));
        Assert.Equal(batch.Digest, MessageSerializer.Deserialize<DigestBatchMessage>(body).Digest);
        Assert.Empty(h.Endpoint.Accepted);

        await h.RunAsync(batch);

        Assert.All(readers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task IncludesAHeldStoryOnceStaffApproveItAndNotBefore()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var held = await HeldStoryAsync(h);
        await h.SubscribersAsync(1, "digest", Digest);

        Assert.Empty(await h.PlanDigestAsync(held));

        Assert.True(await h.Services.GetRequiredService<StoryReview>().ApproveAsync(held.Story.Id));
        var batch = Assert.Single(await h.PlanDigestAsync(held));
        await h.RunAsync(batch);

        Assert.Equal([held.Story.Id], batch.Stories);
        Assert.Equal(1, h.Endpoint.Requests);
    }

    [Fact]
    public async Task PoisonsABatchNamingAStoryThatIsGoneWithTheReasonAndSendsNothing()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var readers = await h.SubscribersAsync(1, "digest", Digest);
        var gone = Guid.NewGuid().ToString("n");

        await h.RunAsync(new DigestBatchMessage(DigestPlanner.Key(h.Clock.GetUtcNow()), "en", 1, [gone], [readers[0].Id]));

        var (queue, message) = h.Queue.Sent.Last();
        Assert.Equal("digests-poison", queue);
        Assert.Contains(gone, Assert.IsType<DeadLetter>(message).Reason);
        Assert.Equal(0, h.Endpoint.Requests);
    }

    [Fact]
    public async Task SplitsAGroupAbove1000SubscribersIntoBatchesOfAtMost1000AndSendsEachOnce()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var readers = await h.SubscribersAsync(1001, "many", Digest);

        var batches = await h.PlanDigestAsync(story);
        foreach (var batch in batches)
        {
            await h.RunAsync(batch);
        }

        Assert.Equal([1000, 1], batches.Select(b => b.Recipients.Count).OrderDescending());
        Assert.Equal(2, h.Endpoint.Requests);
        Assert.All(readers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    private static async Task<ClassifiedStory> HeldStoryAsync(DeliveryHarness h)
    {
        var sent = await h.StoryAsync("Held: a story the classifier was unsure of");
        var held = sent.Verdict with { Decision = ClassificationDecision.Hold, Relevant = false };
        await h.Services.GetRequiredService<IStoryLedger>().SaveVerdictAsync(sent.Story.Id, held);
        return sent with { Verdict = held };
    }
}
