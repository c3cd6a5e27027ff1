using Azure.Storage.Blobs;
using CampaignFlow.Classification;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using CampaignFlow.Azure.Published;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Integration.Classification;

/// <summary>What the store records about each version and the active blob, against a real blob service (Azurite).</summary>
public sealed class BlobRuleSetStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Microsoft.Extensions.Options.IOptions<ClassificationOptions> Options = Microsoft.Extensions.Options.Options.Create(new ClassificationOptions());
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListsVersionsNewestFirstByPublicationTimeNotByName()
    {
        var time = new FakeTimeProvider(Start);
        var store = new BlobRuleSetStore(await azurite.NewContainerAsync(), Options, time);
        await store.PublishAsync(TestRules.DefaultJson("b"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await store.PublishAsync(TestRules.DefaultJson("a"));

        var versions = await store.ListAsync();

        Assert.Equal([("a", Start.AddMilliseconds(1)), ("b", Start)], versions.Select(v => (v.Version, v.PublishedOn)));
        Assert.Equal(["b", "a"], await store.ListVersionsAsync());
    }

    [Fact]
    public async Task RecordsHowAndWhenTheActiveSetWasActivated()
    {
        var time = new FakeTimeProvider(Start);
        var store = new BlobRuleSetStore(await azurite.NewContainerAsync(), Options, time);
        await store.PublishAsync(TestRules.DefaultJson("r1"));
        await store.PublishAsync(TestRules.DefaultJson("r2"));
        var published = await store.ReadActiveBlobAsync();
        time.Advance(TimeSpan.FromHours(2));

        await store.RollbackAsync("r1");
        var rolledBack = await store.ReadActiveBlobAsync();

        Assert.Equal(("r2", RuleSetActivation.Publish, Start), (published!.Version, published.Activation, published.ActivatedOn));
        Assert.Equal(("r1", RuleSetActivation.Rollback, Start.AddHours(2)), (rolledBack!.Version, rolledBack.Activation, rolledBack.ActivatedOn));
        Assert.Equal(await store.ReadVersionAsync("r1"), rolledBack.Json);
    }

    [Fact]
    public async Task NamesAnActiveBlobWrittenByOtherMeansEvenWhenItIsInvalid()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobRuleSetStore(container, Options, new FakeTimeProvider(Start));
        await container.GetBlobClient(Options.Value.ActiveBlobName).UploadAsync(BinaryData.FromString("{ \"version\": \"by-hand\", \"anchors\": [] }"));

        var active = await store.ReadActiveBlobAsync();

        Assert.Equal("by-hand", active!.Version);
        Assert.Null(active.Activation);
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task ListsNothingWhenTheContainerDoesNotExist()
    {
        var container = azurite.Blobs.GetBlobContainerClient($"absent{Guid.NewGuid():N}");

        Assert.Empty(await new BlobRuleSetStore(container, Options).ListAsync());
        Assert.Null(await new BlobRuleSetStore(container, Options).ReadActiveBlobAsync());
    }
}
