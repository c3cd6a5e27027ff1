using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignFlow.Classification;
using CampaignFlow.Staff;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using static CampaignFlow.Tests.Functional.Staff.StaffAccessTests;

namespace CampaignFlow.Tests.Functional.Staff;

/// <summary>The subscribers page and the email preview through the Functions app: counts, one person, forget, import, preview.</summary>
public sealed class StaffSubscribersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ThePageCountsWithoutListingAddressesAndFindsOnePersonByExactAddress()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var store = site.Services.GetRequiredService<ISubscriberStore>();
        var kari = Subscriber.Create($"kari-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Active, Language = "no", Topics = ["clearance"], ConsentSource = "form at a meeting" };
        await store.UpsertAsync(kari);
        await store.UpsertAsync(Subscriber.Create($"ana-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Active, Language = "es", Cadence = Cadence.DailyDigest });
        await store.UpsertAsync(Subscriber.Create($"gone-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Unsubscribed });
        using var staff = await site.SignedInClientAsync();
        var page = await (await staff.GetAsync("/staff/subscribers")).Content.ReadAsStringAsync();
        var token = StaffSite.CsrfIn(page);

        var found = await staff.PostAsync("/staff/subscribers/find", Form(("csrf", token), ("email", kari.Email)));
        var missing = await staff.PostAsync("/staff/subscribers/find", Form(("csrf", token), ("email", "nobody-" + kari.Email)));

        Assert.DoesNotContain("@example.org", page);
        Assert.Matches("<td>clearance</td><td class=\"num\">1</td>", page);
        Assert.Matches("<td>DailyDigest</td><td class=\"num\">1</td>", page);
        Assert.Matches("<td>Unsubscribed</td><td class=\"num\">1</td>", page);
        var record = await found.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"<dd>{kari.Email}</dd>", record);
        Assert.Contains("form at a meeting", record);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Nobody with that address is on the list.", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForgettingNeedsAConfirmationErasesThePersonAndIsRecordedWithoutTheAddress()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var person = await site.SubscribeAsync();
        using var staff = await site.SignedInClientAsync("Ingrid");
        var token = StaffSite.CsrfIn(await (await staff.GetAsync("/staff/subscribers")).Content.ReadAsStringAsync());

        var unconfirmed = await staff.PostAsync("/staff/subscribers/forget", Form(("csrf", token), ("email", person.Email)));
        var stillThere = await site.Services.GetRequiredService<ISubscriberStore>().GetAsync(person.Id);
        var export = await staff.PostAsync("/staff/subscribers/export", Form(("csrf", token), ("email", person.Email)));
        var forgotten = await staff.PostAsync("/staff/subscribers/forget", Form(("csrf", token), ("email", person.Email), ("confirm", "yes")));

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.NotNull(stillThere);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains(person.Email, await export.Content.ReadAsStringAsync());
        Assert.Contains("Erased: the person", await forgotten.Content.ReadAsStringAsync());
        Assert.Null(await site.Services.GetRequiredService<ISubscriberStore>().GetAsync(person.Id));
        var actions = await site.Services.GetRequiredService<IStaffActionLog>().ListAsync("subscribers").ToListAsync();
        Assert.Contains(actions, a => a.Action == "forget" && a.Who == "Ingrid");
        Assert.Contains(actions, a => a.Action == "export" && a.Who == "Ingrid");
        Assert.All(actions, a => Assert.DoesNotContain(person.Email, a.Detail ?? ""));
    }

    [Fact]
    public async Task ACsvImportReportsEachBadLineAndKeepsTheGoodRows()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var good = $"imported-{Guid.NewGuid():n}@example.org";
        var csv = $"email,name,language,topics,regions,cadence,consent\n{good},Ana,es,,,daily,2024-05-01\nnot-an-address,Bad,en,,,instant,2024-05-01\n";
        using var staff = await site.SignedInClientAsync("Ingrid");
        var token = StaffSite.CsrfIn(await (await staff.GetAsync("/staff/subscribers")).Content.ReadAsStringAsync());
        using var form = new MultipartFormDataContent { { new StringContent(token), "csrf" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "members.csv");

        var answer = await staff.PostAsync("/staff/subscribers/import", form);
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("imported 1, skipped 0, refused 1", html);
        Assert.Matches("<td class=\"num\">3</td><td>refused: [^<]+</td>", html);
        Assert.NotNull(await site.Services.GetRequiredService<ISubscriberStore>().GetAsync(EmailAddress.Key(good)));
        Assert.Contains(await site.Services.GetRequiredService<IStaffActionLog>().ListAsync("subscribers").ToListAsync(), a => a.Action == "import" && a.Who == "Ingrid");
    }

    [Fact]
    public async Task TheEmailPreviewShowsTheAlertInTheChosenLanguageInASandboxedFrame()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var id = await site.StoryAsync(ClassificationDecision.Send, title: "Norway & <b>Lao PDR</b> on cluster munitions");
        using var staff = await site.SignedInClientAsync();
        using var anonymous = site.NewClient();

        var page = await staff.GetAsync($"/staff/stories/{id}/email?lang=no");
        var html = await staff.GetAsync($"/staff/stories/{id}/email/html?lang=no");
        var refused = await anonymous.GetAsync($"/staff/stories/{id}/email/html?lang=no");

        var pageHtml = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"src=\"/staff/stories/{id}/email/html?lang=no\"", pageHtml);
        Assert.Contains("aria-current=\"page\" lang=\"no\"", pageHtml);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal(StaffResult.EmailPolicy, html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("SAMEORIGIN", html.Headers.GetValues("X-Frame-Options").Single());
        var mail = await html.Content.ReadAsStringAsync();
        Assert.Contains("&lt;b&gt;Lao PDR&lt;/b&gt;", mail);
        Assert.Contains("lang=\"nb\"", mail);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
