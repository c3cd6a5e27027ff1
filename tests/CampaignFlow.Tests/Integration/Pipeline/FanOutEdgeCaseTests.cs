using CampaignFlow.Classification;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>Documented fan-out and classification edges, through the stages and StageRunner as the queue triggers run them.</summary>
public sealed class FanOutEdgeCaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ASubscriberWhoTickedNoTopicAndNoRegionGetsEveryStoryAndANarrowOneOnlyItsOwn()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync(); // topic: the harness's own; region: europe
        var other = new ClassifiedStory(story.Story with { Id = Guid.NewGuid().ToString("n") }, story.Verdict with { Topics = ["financing"], Regions = ["asia"] });
        await h.Services.GetRequiredService<IStoryLedger>().TryAddAsync(other.Story);
        await h.Services.GetRequiredService<IStoryLedger>().SaveVerdictAsync(other.Story.Id, other.Verdict);
        var everything = await h.SubscribersAsync(1, "everything", s => s with { Topics = [], Regions = [] });
        var narrow = await h.SubscribersAsync(1, "narrow", s => s with { Regions = ["europe"] });

        foreach (var batch in (await h.FanOutAsync(story)).Concat(await h.FanOutAsync(other)))
        {
            await h.RunAsync(batch);
        }

        Assert.Equal(2, h.Endpoint.TimesSent(everything[0].Email));
        Assert.Equal(1, h.Endpoint.TimesSent(narrow[0].Email));
    }

    [Fact]
    public async Task AStoryIdTheLedgerDoesNotKnowGoesToStoriesPoisonWithItsReason()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var unknown = Guid.NewGuid().ToString("n");
        var classify = h.Services.GetRequiredService<IPipelineStage<StoryMessage, StoryVerdict>>();

        await h.Runner.RunAsync<StoryMessage>(QueueNames.Stories, MessageSerializer.Serialize(new StoryMessage(unknown, "mfa-en")), (m, ct) => classify.HandleAsync(m, ct));

        var (queue, message) = h.Queue.Sent.Last();
        Assert.Equal(QueueNames.Stories + "-poison", queue);
        Assert.Contains($"story {unknown} is not in the ledger", Assert.IsType<DeadLetter>(message).Reason);
        Assert.DoesNotContain(h.Queue.Sent, s => s.Queue == QueueNames.Alerts);
    }
}
