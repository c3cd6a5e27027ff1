using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>The digest timer's plan and DeliverDigest against Azurite and the schema-validating loopback SendGrid endpoint.</summary>
public sealed class DigestDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Func<Subscriber, Subscriber> Digest(string language = "en") => s => s with { Cadence = Cadence.DailyDigest, Language = language };

    [Fact]
    public async Task SendsEachDigestSubscriberOneMailInTheirLanguageThroughTheQueueOnceADay()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var first = await h.StoryAsync("First <story>");
        var second = await h.StoryAsync("Second story");
        var english = await h.SubscribersAsync(3, "digest-en", Digest());
        var norsk = await h.SubscribersAsync(1, "digest-no", Digest("no"));
        var french = await h.SubscribersAsync(1, "digest-fr", Digest("fr"));
        var spanish = await h.SubscribersAsync(2, "digest-es", Digest("es"));
        var instant = await h.SubscribersAsync(1, "instant");

        var planned = await h.PlanDigestAsync(first, second);

        Assert.Equal(0, h.Endpoint.Requests); // the timer only plans
        Assert.Equal(4, planned.Count);
        Assert.All(planned, m => Assert.Equal(QueueNames.Digests, h.Queue.Sent.Single(s => ReferenceEquals(s.Message, m)).Queue));
        Assert.All(planned, m => Assert.Equal(DigestPlanner.Key(h.Clock.GetUtcNow()), m.Digest));
        Assert.All(planned, m => Assert.DoesNotContain("@", MessageSerializer.Serialize(m)));
        Assert.Equal(7, planned.Sum(m => m.Recipients.Count));

        foreach (var message in planned)
        {
            await h.RunAsync(message);
        }
        foreach (var message in await h.PlanDigestAsync(first, second))
        {
            await h.RunAsync(message);
        }

        Assert.Equal(4, h.Endpoint.Requests);
        Assert.All(english.Concat(norsk).Concat(french).Concat(spanish), s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.Equal(0, h.Endpoint.TimesSent(instant[0].Email));
        var bodies = h.Endpoint.Accepted.ToList();
        var en = bodies.Single(b => b.GetProperty("personalizations").GetArrayLength() == 3);
        var html = en.GetProperty("content")[1].GetProperty("value").GetString()!;
        Assert.Contains("First &lt;story&gt;", html);
        Assert.Contains("Second story", html);
        Assert.Contains("href=\"-unsubscribe_url-\"", html);
        string Subject(string address) => bodies.Single(b => b.GetProperty("personalizations").EnumerateArray().Any(p => p.GetProperty("to")[0].GetProperty("email").GetString() == address)).GetProperty("subject").GetString()!;
        Assert.Equal("Dagens sammendrag fra Cluster Munition Coalition: 2 saker", Subject(norsk[0].Email));
        Assert.Equal("Résumé quotidien de la Cluster Munition Coalition : 2 articles", Subject(french[0].Email));
        Assert.Equal("Resumen diario de la Cluster Munition Coalition: 2 noticias", Subject(spanish[0].Email));
        Assert.Equal(Subject(spanish[0].Email), Subject(spanish[1].Email));
    }

    [Fact]
    public async Task SkipsRecipientsWhoLeftBetweenThePlanAndTheSend()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var readers = await h.SubscribersAsync(2, "digest", Digest());
        var batch = Assert.Single(await h.PlanDigestAsync(story));
        await h.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(readers[0] with { Status = SubscriberStatus.Unsubscribed });

        await h.RunAsync(batch);

        Assert.Equal(0, h.Endpoint.TimesSent(readers[0].Email));
        Assert.Equal(1, h.Endpoint.TimesSent(readers[1].Email));
    }

    [Fact]
    public async Task PausedSendingDefersTheDigestBatchAndSendsItAfterResume()
    {
        var paused = new Dictionary<string, string?> { ["Sending:Paused"] = "true" };
        string deferred;
        IReadOnlyList<Subscriber> readers;
        await using (var h = await DeliveryHarness.StartAsync(azurite, paused))
        {
            var story = await h.StoryAsync();
            readers = await h.SubscribersAsync(2, "digest", Digest());
            var batch = Assert.Single(await h.PlanDigestAsync(story));

            await h.RunAsync(batch);

            Assert.Equal(0, h.Endpoint.Requests);
            var (queue, body, delay) = Assert.Single(h.Queue.Deferred);
            Assert.Equal(QueueNames.Digests, queue);
            Assert.Equal(SendingOptions.DefaultPausedRetryDelay, delay);
            Assert.Contains(h.Logs.Lines, l => l.Contains("sending.paused"));
            deferred = body;
        }
        await using var resumed = await DeliveryHarness.StartAsync(azurite);

        await resumed.RunAsync(MessageSerializer.Deserialize<DigestBatchMessage>(deferred));

        Assert.All(readers, s => Assert.Equal(1, resumed.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task RetriesAServerErrorThroughTheQueueAndSendsOneCopy()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var readers = await h.SubscribersAsync(3, "digest", Digest());
        h.Endpoint.Script.Enqueue(new ScriptedResponse(503));
        var batch = Assert.Single(await h.PlanDigestAsync(story));

        await h.RunAsync(batch);
        await h.RunAsync(batch);
        await h.RunAsync(batch); // a duplicate delivery of the message

        var error = Assert.IsType<EmailDeliveryException>(h.Logs.Entries.Single(e => e.Exception is not null).Exception);
        Assert.False(error.Permanent);
        Assert.Equal(2, h.Endpoint.Requests);
        Assert.All(readers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task PoisonsADigestBatchRefusedWith400WithTheReason()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        await h.SubscribersAsync(1, "digest", Digest());
        h.Endpoint.Script.Enqueue(new ScriptedResponse(400));
        var batch = Assert.Single(await h.PlanDigestAsync(story));

        await h.RunAsync(batch);

        var (queue, message) = h.Queue.Sent.Last();
        Assert.Equal("digests-poison", queue);
        var dead = Assert.IsType<DeadLetter>(message);
        Assert.Contains($"refused batch {batch.Batch} of {batch.Digest}", dead.Reason);
        Assert.Contains("400", dead.Reason);
        Assert.Empty(h.Queue.Deferred);
    }

    [Fact]
    public async Task RejectsABatchWhoseDigestKeyIsNotADay()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);

        await h.RunAsync(new DigestBatchMessage("digest-tomorrow", "en", 1, ["s1"], ["r1"]));

        var dead = Assert.IsType<DeadLetter>(h.Queue.Sent.Last().Message);
        Assert.Contains("not a digest key", dead.Reason);
        Assert.Equal(0, h.Endpoint.Requests);
    }
}
