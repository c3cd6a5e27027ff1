using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Subscribers;

public sealed class SubscriberAdminTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ExportHoldsTheSubscriberAndTheirDeliveriesAndForgetErasesBoth()
    {
        await using var services = azurite.Services();
        var admin = services.GetRequiredService<SubscriberAdmin>();
        var ledger = services.GetRequiredService<IDeliveryLedger>();
        var address = $"person-{Guid.NewGuid():n}@example.org";
        var added = await admin.AddAsync(address, "phone call 2024-05-01", name: "Person", language: "no", topics: ["diplomatic-conference"]);
        var attempt = await ledger.BeginAsync("story-export", 1, [added.Id]);
        await ledger.MarkSendingAsync(attempt);
        await ledger.MarkSentAsync(attempt);

        var record = await admin.ExportAsync(address.ToUpperInvariant().Replace("@EXAMPLE.ORG", "@example.org", StringComparison.Ordinal));

        Assert.NotNull(record);
        Assert.Equal(address, record.Subscriber.Email);
        Assert.Contains("phone call", record.Subscriber.ConsentSource);
        Assert.Equal(("story-export", "sent"), (Assert.Single(record.Deliveries).StoryId, record.Deliveries[0].Status));

        var erased = await admin.ForgetAsync(address);

        Assert.Equal(2, erased);
        Assert.Null(await admin.ExportAsync(address));
        Assert.Empty(await ledger.ListForRecipientAsync(added.Id).ToListAsync());
    }

    [Fact]
    public async Task RemoveUnsubscribesAndStatsCountByStatus()
    {
        await using var services = azurite.Services();
        var admin = services.GetRequiredService<SubscriberAdmin>();
        var before = await admin.StatsAsync();
        var address = $"gone-{Guid.NewGuid():n}@example.org";
        await admin.AddAsync(address, "form");

        Assert.True(await admin.RemoveAsync(address));
        Assert.False(await admin.RemoveAsync($"never-{Guid.NewGuid():n}@example.org"));

        var after = await admin.StatsAsync();
        Assert.Equal(before.Total + 1, after.Total);
        Assert.Equal(before.ByStatus.GetValueOrDefault("Unsubscribed") + 1, after.ByStatus["Unsubscribed"]);
    }

    [Fact]
    public async Task AddRequiresConsentAndAValidAddress()
    {
        await using var services = azurite.Services();
        var admin = services.GetRequiredService<SubscriberAdmin>();

        await Assert.ThrowsAsync<ArgumentException>(() => admin.AddAsync("someone@example.org", " "));
        await Assert.ThrowsAsync<ArgumentException>(() => admin.AddAsync("not an address", "form"));
    }

    [Fact]
    public async Task AddRefusesATopicOrRegionTheRuleSetDoesNotAssign()
    {
        await using var services = azurite.Services();
        var admin = services.GetRequiredService<SubscriberAdmin>();
        var address = $"typo-{Guid.NewGuid():n}@example.org";

        var topic = await Assert.ThrowsAsync<ArgumentException>(() => admin.AddAsync(address, "form", topics: ["clearence"]));
        var region = await Assert.ThrowsAsync<ArgumentException>(() => admin.AddAsync(address, "form", regions: ["Atlantis"]));

        Assert.Contains("unknown topic \"clearence\"", topic.Message);
        Assert.Contains("clearance", topic.Message);
        Assert.Contains("unknown region \"atlantis\"", region.Message);
        Assert.Null(await services.GetRequiredService<ISubscriberStore>().GetAsync(EmailAddress.Key(address)));
        var added = await admin.AddAsync(address, "form", topics: [" Clearance "], regions: ["africa"]);
        Assert.Equal(["clearance"], added.Topics);
        Assert.Equal(["africa"], added.Regions);
    }
}
