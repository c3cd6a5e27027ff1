using CampaignFlow.Cli.Local;
using CampaignFlow.Feeds;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Storage;

/// <summary>Feed state in a real Azurite, under the names the hosts give feeds.</summary>
public sealed class TableFeedStateStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AFeedGivenAsAUrlKeepsItsStateThoughItsNameHasSlashes()
    {
        // `run --feed http://127.0.0.1:PORT/feed` names the feed host + path: a '/' Table Storage refuses in a row key.
        var settings = LocalPipelineHost.Settings(new LocalRunSettings(Path.GetTempPath(), Path.GetTempPath(), ["http://127.0.0.1:8123/en/rss/feed/"], azurite.ConnectionString));
        var name = settings["Feeds:Sources:0:Name"]!;
        Assert.Contains('/', name);
        await using var services = azurite.Services();
        var store = services.GetRequiredService<IFeedStateStore>();

        await store.SaveAsync(name, new FeedState { ConsecutiveFailures = 2, ContentHash = "abc" });
        var state = await store.GetAsync(name);

        Assert.NotNull(state);
        Assert.Equal((2, "abc"), (state.ConsecutiveFailures, state.ContentHash));
        var listed = await store.ListAsync().ToListAsync();
        Assert.Contains(listed, s => s.Key == name && s.Value.ContentHash == "abc");
    }
}
