using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Azure.Storage.Blobs;
using CampaignFlow.Classification;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CampaignFlow.Azure.Published;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Integration.Classification;

/// <summary>Hot reload, refusal of invalid sets, publish and roll back, against a real blob service (Azurite).</summary>
public sealed class BlobRuleSetProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly IOptions<ClassificationOptions> Options = Microsoft.Extensions.Options.Options.Create(new ClassificationOptions { RefreshSeconds = 30 });

    private static BlobRuleSetProvider Provider(BlobContainerClient container, TimeProvider time) =>
        new(container, Options, time, NullLogger<BlobRuleSetProvider>.Instance, RuleSetLoader.LoadDefault());

    [Fact]
    public async Task UsesTheDefaultRuleSetWhenTheBlobIsAbsent()
    {
        var provider = Provider(await azurite.NewContainerAsync(), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.False(await provider.RefreshAsync());

        Assert.Equal(RuleSetLoader.LoadDefault().Version, provider.Current.Version);
    }

    [Fact]
    public async Task TheFirstStoryAfterAColdStartIsClassifiedWithThePublishedSet()
    {
        var container = await azurite.NewContainerAsync();
        await new BlobRuleSetStore(container, Options).PublishAsync(TestRules.DefaultJson("published-v7"));
        var classifier = new RuleBasedClassifier(Provider(container, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))));

        await classifier.ReadyAsync();
        var verdict = classifier.Classify(new StoryText("s1", "Convention on Cluster Munitions enters into force", "Oslo", "en", null));

        Assert.Equal("published-v7", verdict.RuleSetVersion);
    }

    [Fact]
    public async Task AnUnreachableBlobServiceFallsBackToTheDefaultSetWithoutFailingTheStory()
    {
        var unreachable = new BlobContainerClient(new Uri("http://127.0.0.1:9/devstoreaccount1/config"), new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });
        var classifier = new RuleBasedClassifier(Provider(unreachable, TimeProvider.System));

        await classifier.ReadyAsync();

        Assert.Equal(RuleSetLoader.LoadDefault().Version, classifier.Classify(new StoryText("s1", "Cluster munitions", "", "en", null)).RuleSetVersion);
    }

    [Fact]
    public async Task PicksUpAPublishedVersionWithoutRestartOnlyAfterTheInterval()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobRuleSetStore(container, Options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var provider = Provider(container, time);
        await store.PublishAsync(TestRules.DefaultJson("v1"));
        Assert.True(await provider.RefreshAsync());
        Assert.Equal("v1", provider.Current.Version);

        await store.PublishAsync(TestRules.DefaultJson("v2"));
        Assert.Equal("v1", provider.Current.Version);
        time.Advance(TimeSpan.FromSeconds(31));
        // Why: the due refresh runs in the background so classification never waits for storage: the read that finds
        // it due still answers v1, and the check it started brings v2.
        Assert.Equal("v1", provider.Current.Version);
        await provider.BackgroundCheck;
        Assert.Equal("v2", provider.Current.Version);
    }

    [Fact]
    public async Task RefusesAnInvalidRuleSetAndKeepsTheLastGoodOne()
    {
        var container = await azurite.NewContainerAsync();
        var provider = Provider(container, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await new BlobRuleSetStore(container, Options).PublishAsync(TestRules.DefaultJson("good-1"));
        await provider.RefreshAsync();

        await container.GetBlobClient(Options.Value.ActiveBlobName).UploadAsync(BinaryData.FromString("{\n  \"version\": \"bad\",\n  \"anchors\": [ {\"terms\": [\"\"]} ]\n}"), overwrite: true);

        Assert.False(await provider.RefreshAsync());
        Assert.Equal("good-1", provider.Current.Version);
        Assert.Contains("line 3", provider.LastError);
    }

    [Fact]
    public async Task PublishRefusesAnInvalidSetAndWritesNothing()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobRuleSetStore(container, Options);

        await Assert.ThrowsAsync<RuleSetValidationException>(() => store.PublishAsync("{ \"version\": \"x\", \"anchors\": [] "));

        Assert.Null(await store.ReadActiveAsync());
        Assert.Empty(await store.ListVersionsAsync());
    }

    [Fact]
    public async Task RollsBackToAnEarlierVersionAndKeepsHistory()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobRuleSetStore(container, Options);
        var provider = Provider(container, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await store.PublishAsync(TestRules.DefaultJson("r1"));
        await store.PublishAsync(TestRules.DefaultJson("r2"));

        await store.RollbackAsync("r1");
        await provider.RefreshAsync();

        Assert.Equal("r1", provider.Current.Version);
        Assert.Equal(["r1", "r2"], await store.ListVersionsAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.PublishAsync(TestRules.DefaultJson("r2")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RollbackAsync("r9"));
    }
}
