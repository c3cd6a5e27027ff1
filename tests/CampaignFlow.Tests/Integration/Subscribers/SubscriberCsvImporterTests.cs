using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Subscribers;

public sealed class SubscriberCsvImporterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Unique() => Guid.NewGuid().ToString("n")[..8];

    [Fact]
    public async Task KeepsGoodRowsAndReportsEveryBadRowByItsLine()
    {
        await using var services = azurite.Services();
        var u = Unique();
        var csv = $"""
            email,name,language,topics,regions,cadence,consent
            ok1-{u}@example.org,Ada,no,diplomatic-conference;signature-ratification,africa,instant,2024-03-01
            not-an-address,Bad,en,,,instant,yes
            ok2-{u}@example.org,"Grace, ""the admiral""
            Hopper",en,,,daily,web form 2024
            noconsent-{u}@example.org,Nope,en,,,instant,
            badcadence-{u}@example.org,Nope,en,,,hourly,yes
            badlang-{u}@example.org,Nope,de,,,instant,yes
            """;

        var report = await services.GetRequiredService<SubscriberCsvImporter>().ImportAsync(new StringReader(csv), "test.csv");

        Assert.Equal(2, report.Imported);
        Assert.Equal([3, 6, 7, 8], report.Rejected.Select(p => p.Line));
        Assert.Contains("email", report.Rejected[0].Reason);
        Assert.Contains("consent", report.Rejected[1].Reason);
        Assert.Contains("cadence", report.Rejected[2].Reason);
        Assert.Contains("language", report.Rejected[3].Reason);
        Assert.DoesNotContain(report.Rejected, p => p.Reason.Contains('@'));
        var store = services.GetRequiredService<ISubscriberStore>();
        var ada = await store.GetAsync(EmailAddress.Key($"ok1-{u}@example.org"));
        Assert.NotNull(ada);
        Assert.Equal(("no", SubscriberStatus.Active), (ada.Language, ada.Status));
        Assert.Equal(["diplomatic-conference", "signature-ratification"], ada.Topics);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), ada.ConsentAt);
        Assert.Contains("test.csv", ada.ConsentSource);
        var grace = await store.GetAsync(EmailAddress.Key($"ok2-{u}@example.org"));
        Assert.Equal(Cadence.DailyDigest, grace!.Cadence);
        Assert.Equal("Grace, \"the admiral\"\nHopper", grace.Name!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RejectsARowWhoseTopicOrRegionTheRuleSetDoesNotAssign()
    {
        await using var services = azurite.Services();
        var u = Unique();
        var csv = $"""
            email,topics,regions,consent
            typo-{u}@example.org,clearence,,yes
            nowhere-{u}@example.org,,atlantis,yes
            fine-{u}@example.org,Clearance,africa,yes
            """;

        var report = await services.GetRequiredService<SubscriberCsvImporter>().ImportAsync(new StringReader(csv), "typos.csv");

        Assert.Equal(1, report.Imported);
        Assert.Equal([2, 3], report.Rejected.Select(p => p.Line));
        Assert.Contains("unknown topic \"clearence\"", report.Rejected[0].Reason);
        Assert.Contains("unknown region \"atlantis\"", report.Rejected[1].Reason);
        Assert.Equal(["clearance"], (await services.GetRequiredService<ISubscriberStore>().GetAsync(EmailAddress.Key($"fine-{u}@example.org")))!.Topics);
    }

    [Fact]
    public async Task RefusesAFileWithoutAConsentColumnAndImportsNothing()
    {
        await using var services = azurite.Services();
        var u = Unique();

        var report = await services.GetRequiredService<SubscriberCsvImporter>().ImportAsync(new StringReader($"email,name\nx-{u}@example.org,X\n"), "no-consent.csv");

        Assert.Equal(0, report.Imported);
        Assert.Contains("consent", Assert.Single(report.Rejected).Reason);
        Assert.Null(await services.GetRequiredService<ISubscriberStore>().GetAsync(EmailAddress.Key($"x-{u}@example.org")));
    }

    [Fact]
    public async Task NeverReactivatesSomeoneWhoUnsubscribed()
    {
        await using var services = azurite.Services();
        var address = $"left-{Unique()}@example.org";
        var store = services.GetRequiredService<ISubscriberStore>();
        await store.UpsertAsync(Subscriber.Create(address) with { Status = SubscriberStatus.Unsubscribed });

        var report = await services.GetRequiredService<SubscriberCsvImporter>().ImportAsync(new StringReader($"email,consent\n{address},yes\n"), "again.csv");

        Assert.Equal(0, report.Imported);
        Assert.Equal(2, Assert.Single(report.Skipped).Line);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await store.GetAsync(EmailAddress.Key(address)))!.Status);
    }
}
