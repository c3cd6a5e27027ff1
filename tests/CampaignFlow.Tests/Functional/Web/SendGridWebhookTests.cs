using System.Globalization;
using System.Net;
using System.Text;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>SendGrid's Event Webhook through the SendGridEvents function as the Functions worker serves it.</summary>
public sealed class SendGridWebhookTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string SpamReports(params (string Address, string EventId)[] reports) =>
        "[" + string.Join(",", reports.Select(r => $$"""{"email":"{{r.Address}}","event":"spamreport","timestamp":1,"sg_event_id":"{{r.EventId}}"}""")) + "]";

    [Fact]
    public async Task AbsurdOrMalformedTimestampsAndSignaturesAre4xxNever500()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var now = site.Clock.GetUtcNow().ToUnixTimeSeconds();
        var attempts = new List<HttpRequestMessage>
        {
            site.Webhook("[]", 99999999999999),
            site.Webhook("[]", now, timestampHeader: "99999999999999999999999"),
            site.Webhook("[]", now, timestampHeader: "-1"),
            site.Webhook("[]", now, timestampHeader: "1e9"),
            site.Webhook("[]", now, timestampHeader: ""),
        };
        var badSignature = site.Webhook("[]", now);
        badSignature.Headers.Remove("X-Twilio-Email-Event-Webhook-Signature");
        badSignature.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", "not base64 !!");
        attempts.Add(badSignature);
        var notDer = site.Webhook("[]", now);
        notDer.Headers.Remove("X-Twilio-Email-Event-Webhook-Signature");
        notDer.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(Encoding.ASCII.GetBytes("garbage")));
        attempts.Add(notDer);

        var statuses = new List<HttpStatusCode>();
        foreach (var attempt in attempts)
        {
            statuses.Add((await site.Http.SendAsync(attempt)).StatusCode);
        }
        var unreadable = await site.Http.SendAsync(site.Webhook("""{"not":"an array"}""", now));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheCapIsRefusedWith413WithoutTouchingAnyone()
    {
        await using var site = await SubscriberSite.StartAsync(azurite, new Dictionary<string, string?> { ["SendGrid:WebhookMaxBytes"] = "4096" });
        var subscriber = Subscriber.Create(SubscriberSite.NewAddress()) with { Status = SubscriberStatus.Active };
        await site.Store.UpsertAsync(subscriber);
        var padding = new string(' ', 8192);
        var body = $$"""[{"email":"{{subscriber.Email}}","event":"bounce","timestamp":1}{{padding}}]""";
        var now = site.Clock.GetUtcNow().ToUnixTimeSeconds();

        var declared = await site.Http.SendAsync(site.Webhook(body, now));
        var chunked = site.Webhook(body, now);
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.TransferEncodingChunked = true;
        var undeclared = await site.Http.SendAsync(chunked);
        var small = await site.Http.SendAsync(site.Webhook($$"""[{"email":"{{subscriber.Email}}","event":"open","timestamp":1}]""", now));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, undeclared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(subscriber.Id))!.Status);
    }

    [Fact]
    public async Task SignedSpamReportsPauseSendingOnceTheThresholdIsReachedAndAReplayedBatchCountsOnce()
    {
        var telemetry = new RecordingTelemetry();
        await using var site = await SubscriberSite.StartAsync(azurite, new Dictionary<string, string?> { ["Sending:SpamReportsToPause"] = "3" },
            s => s.Replace(ServiceDescriptor.Singleton<IPipelineTelemetry>(telemetry)));
        var gate = site.Services.GetRequiredService<SendingGate>();
        // Spam reports are counted per clock hour: start at the top of one, so the 2 minutes below cannot cross into the next.
        site.Clock.SetUtcNow(SubscriberSite.TopOfNextHour(site.Clock.GetUtcNow()));
        var (a, b, c) = (SubscriberSite.NewAddress(), SubscriberSite.NewAddress(), SubscriberSite.NewAddress());
        var firstBatch = SpamReports((a, "evt-" + Guid.NewGuid()), (b, "evt-" + Guid.NewGuid()));

        var first = await site.Http.SendAsync(site.Webhook(firstBatch, site.Clock.GetUtcNow().ToUnixTimeSeconds()));
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        // SendGrid retrying a post whose answer was lost, or anyone replaying a captured one: new timestamp and signature, same events.
        var replay = await site.Http.SendAsync(site.Webhook(firstBatch, site.Clock.GetUtcNow().ToUnixTimeSeconds()));
        var pausedAfterReplay = await gate.PausedReasonAsync();
        var third = await site.Http.SendAsync(site.Webhook(SpamReports((c, "evt-" + Guid.NewGuid())), site.Clock.GetUtcNow().ToUnixTimeSeconds()));
        var paused = await gate.PausedReasonAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode, third.StatusCode));
        Assert.Null(pausedAfterReplay);
        Assert.Equal("3 spam reports within the hour (threshold 3)", paused);
        Assert.Single(telemetry.Of(PipelineEvents.SendingPaused));
        Assert.Equal([2, 0, 1], telemetry.Of("sendgrid.events").Select(e => Convert.ToInt32(e["spamreports"], CultureInfo.InvariantCulture)));
        Assert.Contains(site.Logs.Lines, l => l.Contains("2 spam reports already counted", StringComparison.Ordinal));
    }
}
