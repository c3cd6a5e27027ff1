using System.Text.Json.Nodes;
using CampaignFlow.Azure.Operations;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>
/// Recovery that scales: SendGrid answers 503 to everything for one hour. Storage is Azurite and SendGrid the real
/// client against the loopback endpoint; time is the fake clock. Each copy the runner puts back on the (real) queue is
/// delivered again once its visibility delay has passed on that clock, as the queue would, so no test waits an hour.
/// </summary>
public sealed class OutageRecoveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromHours(1);

    [Fact]
    public async Task AnHourLongSendGridOutageEndsWithEveryEmailSentExactlyOnceAndNothingPoisoned()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var big = await h.StoryAsync();
        var many = await h.SubscribersAsync(1_200, "many");
        var batches = (await h.FanOutAsync(big)).ToList();
        var start = h.Clock.GetUtcNow();
        h.Endpoint.Outage = () => h.Clock.GetUtcNow() < start + Outage ? new ScriptedResponse(503) : null;

        var (attempts, waits) = await DeliverAsQueueWouldAsync(h, batches.Select(MessageSerializer.Serialize));

        Assert.Equal(2, batches.Count);
        Assert.All(many, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.Equal(0, h.Endpoint.Duplicates);
        Assert.DoesNotContain(h.Queue.Sent, m => m.Queue.EndsWith("-poison", StringComparison.Ordinal));
        var deliveries = (await h.Services.GetRequiredService<PoisonQueues>().DepthsAsync()).Single(d => d.Queue == QueueNames.Deliveries);
        Assert.Equal(0, deliveries.Poison);
        // 30 s, 1, 2, 4, 8, 16, 32 min: the seventh wait ends after the outage, so each batch failed 7 times and then went out.
        Assert.Equal(new[] { 30, 60, 120, 240, 480, 960, 1920 }, waits.Select(w => (int)w.TotalSeconds).Distinct());
        Assert.Equal(2 * 7, waits.Count);
        Assert.Equal(2 * 8, attempts);
        Assert.InRange(h.Clock.GetUtcNow() - start, Outage, Outage + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task AnOutageLongerThanTheCeilingAllowsPoisonsTheBatchWithItsReasonAndSendsNothing()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Retry:MaxDelay"] = "00:10:00" });
        var story = await h.StoryAsync();
        var readers = await h.SubscribersAsync(2, "late");
        var batch = Assert.Single(await h.FanOutAsync(story));
        h.Endpoint.Outage = () => new ScriptedResponse(503);

        var (attempts, _) = await DeliverAsQueueWouldAsync(h, [MessageSerializer.Serialize(batch)]);

        // 30 s, 1, 2, 4, 8 min, 10 min (the ceiling), then poisoned: 7 attempts.
        Assert.Equal(7, attempts);
        var letter = Assert.IsType<DeadLetter>(Assert.Single(h.Queue.Sent, m => m.Queue == "deliveries-poison").Message);
        Assert.Contains("503", letter.Reason);
        Assert.All(readers, s => Assert.Equal(0, h.Endpoint.TimesSent(s.Email)));
    }

    /// <summary>Runs each message as the DeliverBatch trigger does; every put-back copy comes round again when its delay is up.</summary>
    private static async Task<(int Attempts, List<TimeSpan> Waits)> DeliverAsQueueWouldAsync(DeliveryHarness h, IEnumerable<string> bodies)
    {
        var pending = new PriorityQueue<string, DateTimeOffset>();
        foreach (var body in bodies)
        {
            pending.Enqueue(body, h.Clock.GetUtcNow());
        }
        var (attempts, waits) = (0, new List<TimeSpan>());
        while (pending.TryDequeue(out var body, out var due) && attempts < 200)
        {
            if (due > h.Clock.GetUtcNow())
            {
                h.Clock.SetUtcNow(due);
            }
            attempts++;
            await h.Runner.RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, body, (m, ct) => h.Deliver.HandleAsync(m, ct));
            while (h.Queue.Deferred.TryDequeue(out var copy))
            {
                Assert.NotNull(JsonNode.Parse(copy.Body)?["retry"]);
                waits.Add(copy.Delay);
                pending.Enqueue(copy.Body, h.Clock.GetUtcNow() + copy.Delay);
            }
        }
        return (attempts, waits);
    }
}
