using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Azure.Storage;

namespace CampaignFlow.Tests.Integration.Storage;

public sealed class TableSubscriberStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RoundTripsASubscriberKeyedByTheAddressHash()
    {
        var store = new TableSubscriberStore(azurite.Tables);
        var subscriber = Subscriber.Create("Ada@Example.org") with
        {
            Name = "Ada",
            Language = "no",
            Topics = ["clearance", "victim-assistance"],
            Regions = ["asia"],
            Cadence = Cadence.DailyDigest,
            Status = SubscriberStatus.Active,
            ConsentAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ConsentSource = "form",
        };

        await store.UpsertAsync(subscriber);
        var read = await store.GetAsync(subscriber.Id);

        Assert.Equal(subscriber with { Topics = [], Regions = [] }, read! with { Topics = [], Regions = [] });
        Assert.Equal(subscriber.Topics, read.Topics);
        Assert.Equal(subscriber.Regions, read.Regions);
        Assert.DoesNotContain("@", subscriber.Id);
    }

    [Fact]
    public async Task ListsOnlyActiveSubscribers()
    {
        var store = new TableSubscriberStore(azurite.Tables);
        var active = Subscriber.Create($"active-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Active };
        var gone = Subscriber.Create($"gone-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Unsubscribed };
        await store.UpsertAsync(active);
        await store.UpsertAsync(gone);

        var listed = new List<string>();
        await foreach (var s in store.ListActiveAsync())
        {
            listed.Add(s.Id);
        }

        Assert.Contains(active.Id, listed);
        Assert.DoesNotContain(gone.Id, listed);
        Assert.True(await store.AnyAsync());
    }

    [Fact]
    public async Task DeletesASubscriber()
    {
        var store = new TableSubscriberStore(azurite.Tables);
        var subscriber = Subscriber.Create($"bye-{Guid.NewGuid():n}@example.org");
        await store.UpsertAsync(subscriber);

        await store.DeleteAsync(subscriber.Id);

        Assert.Null(await store.GetAsync(subscriber.Id));
    }
}
