using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Staff;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static CampaignFlow.Tests.Functional.Staff.StaffAccessTests;

namespace CampaignFlow.Tests.Functional.Staff;

/// <summary>The story side of the console through the Functions app: recent stories, trails, review decisions, to the outbox.</summary>
public sealed class StaffStoriesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ApprovingAHeldStoryInOneClickSendsItsAlertAndRecordsWhoAndWhen()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var subscriber = await site.SubscribeAsync();
        var id = await site.StoryAsync(ClassificationDecision.Hold);
        using var staff = await site.SignedInClientAsync("Ola");
        var token = StaffSite.CsrfIn(await (await staff.GetAsync("/staff/")).Content.ReadAsStringAsync());

        var approve = await staff.PostAsync($"/staff/stories/{id}/approve", Form(("csrf", token), ("return", "list")));
        await site.DrainAsync();
        var trail = await (await staff.GetAsync($"/staff/stories/{id}")).Content.ReadAsStringAsync();

        Assert.Equal("/staff/?done=sent", approve.Headers.Location!.OriginalString);
        Assert.Contains(Path.Combine(site.Outbox, $"{id}-{subscriber.Id}.eml"), site.MailsOf(id));
        var decision = (await site.Services.GetRequiredService<IStoryArchive>().GetAsync(id))!.Decision!;
        Assert.Equal((true, "Ola"), (decision.Approved, decision.By));
        Assert.Contains("approved (sent)</strong> by Ola", trail);
        Assert.Contains("<strong>approve</strong> by Ola", trail);
        Assert.Contains($"Handed to SendGrid for <strong>{site.MailsOf(id).Length}</strong> recipient(s) in 1 batch(es).", trail);
        var example = Assert.Single(await site.Services.GetRequiredService<IStaffDecisionCorpus>().ListAsync().Where(e => e.Id == "review-" + id).ToListAsync());
        Assert.Equal((true, "staff-approved"), (example.Relevant, example.Source));
    }

    [Fact]
    public async Task AStoryTheClassifierMissedIsSentOnceEvenAfterASecondClickAndJoinsTheCorpusAsAPositive()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var subscriber = await site.SubscribeAsync();
        var (id, verdict) = await site.ClassifiedStoryAsync("Minister visits Lima", "The minister met colleagues to talk about a treaty banning a class of weapons.");
        using var staff = await site.SignedInClientAsync("Ola");
        var token = StaffSite.CsrfIn(await (await staff.GetAsync($"/staff/stories/{id}")).Content.ReadAsStringAsync());

        var first = await staff.PostAsync($"/staff/stories/{id}/send", Form(("csrf", token)));
        var second = await staff.PostAsync($"/staff/stories/{id}/send", Form(("csrf", token)));
        await site.DrainAsync();

        Assert.Equal(ClassificationDecision.Drop, verdict.Decision);
        Assert.EndsWith("?done=sent", first.Headers.Location!.OriginalString);
        Assert.EndsWith("?done=already", second.Headers.Location!.OriginalString);
        // One mail per subscriber (the class's tests share a storage account), and the ledger sent each recipient once.
        Assert.Single(site.MailsOf(id), m => m.Contains(subscriber.Id));
        var batches = await site.Services.GetRequiredService<IDeliveryReport>().ListBatchesAsync(id).ToListAsync();
        Assert.Equal(site.MailsOf(id).Length, batches.Where(b => b.Status == "sent").Sum(b => b.Recipients));
        Assert.Equal(await site.ActiveSubscribersAsync(), site.MailsOf(id).Length);
        var example = Assert.Single(await site.Services.GetRequiredService<IStaffDecisionCorpus>().ListAsync().Where(e => e.Id == "review-" + id).ToListAsync());
        Assert.Equal((true, "staff-sent"), (example.Relevant, example.Source));
        var actions = await site.Services.GetRequiredService<IStaffActionLog>().ListAsync(id).ToListAsync();
        Assert.Equal("send", Assert.Single(actions).Action);
    }

    [Fact]
    public async Task RejectingASentStoryRecordsANegativeAndSendsNothing()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        await site.SubscribeAsync();
        var id = await site.StoryAsync(ClassificationDecision.Send);
        using var staff = await site.SignedInClientAsync("Ola");
        var token = StaffSite.CsrfIn(await (await staff.GetAsync($"/staff/stories/{id}")).Content.ReadAsStringAsync());

        var reject = await staff.PostAsync($"/staff/stories/{id}/reject", Form(("csrf", token)));
        var approveAfter = await staff.PostAsync($"/staff/stories/{id}/approve", Form(("csrf", token)));
        await site.DrainAsync();

        Assert.EndsWith("?done=rejected", reject.Headers.Location!.OriginalString);
        Assert.EndsWith("?done=otherwise", approveAfter.Headers.Location!.OriginalString);
        Assert.Empty(site.MailsOf(id));
        var example = Assert.Single(await site.Services.GetRequiredService<IStaffDecisionCorpus>().ListAsync().Where(e => e.Id == "review-" + id).ToListAsync());
        Assert.Equal((false, "staff-rejected"), (example.Relevant, example.Source));
    }

    [Fact]
    public async Task AScriptInATitleShowsAsTextOnTheListAndTheTrail()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var id = await site.StoryAsync(ClassificationDecision.Hold, title: "<script>alert('x')</script> Cluster Munitions", summary: "<img src=x onerror=alert(1)> body");
        using var staff = await site.SignedInClientAsync();

        var list = await (await staff.GetAsync("/staff/")).Content.ReadAsStringAsync();
        var trail = await (await staff.GetAsync($"/staff/stories/{id}")).Content.ReadAsStringAsync();

        foreach (var html in new[] { list, trail })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html);
        }
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; body", trail);
    }

    [Fact]
    public async Task TheLandingPageShowsEachVerdictAndFiltersByVerdictFeedLanguageAndText()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var held = await site.StoryAsync(ClassificationDecision.Hold, title: "Held about Lima");
        var sent = await site.StoryAsync(ClassificationDecision.Send, title: "Sent about Oslo");
        var dropped = await site.StoryAsync(ClassificationDecision.Drop, title: "Dropped about fisheries");
        using var staff = await site.SignedInClientAsync();

        var all = await (await staff.GetAsync("/staff/")).Content.ReadAsStringAsync();
        var onlyHeld = await (await staff.GetAsync("/staff/?verdict=held")).Content.ReadAsStringAsync();
        var byText = await (await staff.GetAsync("/staff/?q=oslo&lang=en&feed=mfa-en")).Content.ReadAsStringAsync();
        var otherFeed = await (await staff.GetAsync("/staff/?feed=elsewhere")).Content.ReadAsStringAsync();

        Assert.Contains("Held about Lima", all);
        Assert.Contains("Sent about Oslo", all);
        Assert.Contains("Dropped about fisheries", all);
        Assert.Contains("<span class=\"verdict held\">held</span>", all);
        Assert.Contains("<span class=\"verdict dropped\">dropped</span>", all);
        Assert.Contains("test-1", all);
        Assert.Contains($"/staff/stories/{held}/approve", onlyHeld);
        Assert.DoesNotContain("Sent about Oslo", onlyHeld);
        Assert.Contains("Sent about Oslo", byText);
        Assert.DoesNotContain("Held about Lima", byText);
        Assert.DoesNotContain(dropped, otherFeed);
        Assert.Contains("No story matches these filters.", otherFeed);
        Assert.NotEqual(sent, held);
    }

    [Fact]
    public async Task TheTrailHighlightsTheMatchedTermsAndAnUnknownStoryIsNotFound()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var (id, verdict) = await site.ClassifiedStoryAsync("Norway signs the Convention on Cluster Munitions",
            "In Oslo, states signed the Convention on Cluster Munitions, which bans cluster munitions.");
        using var staff = await site.SignedInClientAsync();

        var trail = await (await staff.GetAsync($"/staff/stories/{id}")).Content.ReadAsStringAsync();
        var missing = await staff.GetAsync("/staff/stories/no-such-story");

        Assert.Equal(ClassificationDecision.Send, verdict.Decision);
        Assert.Matches("<mark title=\"anchor [^\"]+\">[Cc]luster [Mm]unitions</mark>", trail);
        Assert.Contains(verdict.RuleSetVersion, trail);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TheTrailShowsWhatSignedSendGridEventsNamingTheStoryReportedEachCountedOnce()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var site = await StaffSite.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["SendGrid:WebhookVerificationKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });
        var subscriber = await site.SubscribeAsync();
        var id = await site.StoryAsync(ClassificationDecision.Hold);
        using var staff = await site.SignedInClientAsync("Ola");
        var token = StaffSite.CsrfIn(await (await staff.GetAsync("/staff/")).Content.ReadAsStringAsync());
        await staff.PostAsync($"/staff/stories/{id}/approve", Form(("csrf", token), ("return", "list")));
        await site.DrainAsync();
        string Event(string kind, string eventId, string story = "") =>
            $$"""{"email":"{{subscriber.Email}}","event":"{{kind}}","timestamp":1,"sg_event_id":"{{eventId}}","story_id":"{{(story.Length > 0 ? story : id)}}","batch":"0"}""";
        var batch = "[" + string.Join(",", Event("delivered", "d1"), Event("delivered", "d2"), Event("open", "o1"), Event("bounce", "b1"),
            Event("spamreport", "s1"), Event("unsubscribe", "u1"), Event("delivered", "x1", "another-story")) + "]";

        var first = await site.Worker.Http.SendAsync(Signed(key, batch));
        var replayed = await site.Worker.Http.SendAsync(Signed(key, batch));
        var forged = await site.Worker.Http.SendAsync(Signed(ECDsa.Create(ECCurve.NamedCurves.nistP256), "[" + Event("delivered", "f1") + "]"));
        var trail = await staff.GetStringAsync($"/staff/stories/{id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (first.StatusCode, replayed.StatusCode, forged.StatusCode));
        Assert.Contains("What SendGrid reported", trail);
        Assert.Contains("data-figure=\"delivered\">2<", trail);
        Assert.Contains("data-figure=\"bounced\">1<", trail);
        Assert.Contains("data-figure=\"spamreports\">1<", trail);
        Assert.Contains("data-figure=\"unsubscribes\">1<", trail);
    }

    /// <summary>A webhook post as SendGrid signs it: ECDSA P-256 over the timestamp and the body.</summary>
    private static HttpRequestMessage Signed(ECDsa key, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridEventVerifier.SignatureHeader, Convert.ToBase64String(signature));
        request.Headers.Add(SendGridEventVerifier.TimestampHeader, timestamp);
        return request;
    }
}
