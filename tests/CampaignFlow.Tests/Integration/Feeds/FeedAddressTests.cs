using System.Net;
using CampaignFlow.Feeds;
using CampaignFlow.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Feeds;

/// <summary>
/// The poller's feed client connects only to public addresses, on every redirect hop and whatever the proxy settings:
/// an allowed feed host resolving to a private address, a redirect to the metadata address, and a proxy are refused.
/// </summary>
public sealed class FeedAddressTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FeedServer _server = null!;
    private readonly string _name = "feed-" + Guid.NewGuid().ToString("n")[..8];

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Services(string url, bool allowLoopback) => azurite.Services(new Dictionary<string, string?>
    {
        ["Feeds:Sources:0:Name"] = _name,
        ["Feeds:Sources:0:Url"] = url,
        ["Feeds:AllowLoopback"] = allowLoopback ? "true" : "false",
        ["Feeds:RequestTimeout"] = "00:00:05",
        ["Feeds:TotalRequestTimeout"] = "00:00:10",
        ["Feeds:RetryDelay"] = "00:00:00.010",
        ["Feeds:MaxRetries"] = "1",
    });

    private void ServeFeed() => _server.MapBody("/en/rss/", () => RegjeringenFeed.Rss("en", new FixtureItem(Guid.NewGuid().ToString("n"), "Story", DateTimeOffset.UtcNow)));

    [Fact]
    public async Task AFeedHostThatResolvesToALoopbackAddressIsNotFetchedUnlessLoopbackIsAllowed()
    {
        ServeFeed();
        var url = $"http://localhost:{new Uri(_server.BaseUrl).Port}/en/rss/";

        using (var production = Services(url, allowLoopback: false))
        {
            var refused = (await production.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();
            Assert.False(refused.Ok);
            Assert.Contains("refused", refused.Error);
            Assert.Equal(0, _server.Hits("/en/rss/"));
        }
        using var local = Services(url, allowLoopback: true);
        Assert.True((await local.GetRequiredService<IFeedPoller>().PollAllAsync()).Single().Ok);
    }

    [Fact]
    public async Task ARedirectFromAnAllowedFeedToTheMetadataAddressIsRefusedAtConnect()
    {
        _server.Map("/en/rss/", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        });
        using var services = Services(_server.Url("/en/rss/"), allowLoopback: true);

        var result = (await services.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();

        Assert.False(result.Ok);
        Assert.Contains("refused: 169.254.169.254 resolves only to private or local addresses", result.Error);
        Assert.True(_server.Hits("/en/rss/") >= 1);
    }

    [Fact]
    public async Task AConfiguredProxyDoesNotCarryAFetchPastTheCheck()
    {
        // A "proxy" that answers every request with a feed, as a forwarding proxy would for 169.254.169.254.
        _server.Map("/latest/meta-data/", async context => await context.Response.WriteAsync(RegjeringenFeed.Rss("en")));
        using var handler = FeedHttp.PrimaryHandler(new FeedOptions { AllowLoopback = true });
        handler.Proxy = new WebProxy(_server.BaseUrl);
        using var http = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://169.254.169.254/latest/meta-data/"));

        Assert.Contains("refused", error.Message);
        Assert.Empty(_server.Requests);
    }
}
