using System.Net;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>
/// docs/delivery.md, <c>/api/sendgrid/events</c>: bounce, dropped, spamreport, unsubscribe and group_unsubscribe
/// suppress the address with the event as reason (others leave it alone), and a timestamp more than 5 minutes away
/// is refused, either way. Through the SendGridEvents function as the worker serves it, signed as SendGrid signs.
/// </summary>
public sealed class WebhookSuppressionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Suppressing = ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];
    private static readonly string[] Harmless = ["processed", "delivered", "deferred", "open", "click"];

    private static async Task<Subscriber> ActiveAsync(SubscriberSite site)
    {
        var subscriber = Subscriber.Create(SubscriberSite.NewAddress()) with { Status = SubscriberStatus.Active };
        await site.Store.UpsertAsync(subscriber);
        return subscriber;
    }

    private static string Event(Subscriber subscriber, string type) =>
        $$"""{"email":"{{subscriber.Email}}","event":"{{type}}","timestamp":1,"sg_event_id":"evt-{{Guid.NewGuid():n}}"}""";

    [Fact]
    public async Task EachSuppressingEventSuppressesItsAddressWithTheEventAsReasonAndOthersDoNot()
    {
        await using var site = await SubscriberSite.StartAsync(azurite, new Dictionary<string, string?> { ["Sending:SpamReportsToPause"] = "1000" });
        var events = Suppressing.Concat(Harmless).ToArray();
        var subscribers = new List<Subscriber>();
        foreach (var _ in events)
        {
            subscribers.Add(await ActiveAsync(site));
        }
        var body = "[" + string.Join(",", subscribers.Zip(events, Event)) + "]";

        var answer = await site.Http.SendAsync(site.Webhook(body, site.Clock.GetUtcNow().ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var after = new List<(string Event, SubscriberStatus Status, string? Reason)>();
        foreach (var (subscriber, type) in subscribers.Zip(events))
        {
            var stored = (await site.Store.GetAsync(subscriber.Id))!;
            after.Add((type, stored.Status, stored.StatusReason));
        }
        Assert.Equal(
            Suppressing.Select(e => (e, SubscriberStatus.Suppressed, (string?)e)).Concat(Harmless.Select(e => (e, SubscriberStatus.Active, (string?)null))),
            after);
    }

    [Theory]
    [InlineData(-300, HttpStatusCode.OK)]
    [InlineData(-301, HttpStatusCode.Unauthorized)]
    [InlineData(300, HttpStatusCode.OK)]
    [InlineData(301, HttpStatusCode.Unauthorized)]
    public async Task ATimestampFiveMinutesAwayIsAcceptedAndOneSecondMoreIsRefused(int secondsFromNow, HttpStatusCode expected)
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var subscriber = await ActiveAsync(site);

        var answer = await site.Http.SendAsync(site.Webhook("[" + Event(subscriber, "bounce") + "]", site.Clock.GetUtcNow().ToUnixTimeSeconds() + secondsFromNow));

        Assert.Equal(expected, answer.StatusCode);
        var stored = (await site.Store.GetAsync(subscriber.Id))!;
        Assert.Equal(expected == HttpStatusCode.OK ? SubscriberStatus.Suppressed : SubscriberStatus.Active, stored.Status);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Contains(site.Logs.Lines, l => l.Contains("SendGrid event webhook refused: stale timestamp", StringComparison.Ordinal));
        }
    }
}
