using CampaignFlow.Feeds;
using CampaignFlow.Operations;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Tests.Integration.Operations;

public sealed class StatusReportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ReportsFeedHealthQueueDepthsAndTheLastErrors()
    {
        using var services = azurite.Services();
        await services.GetRequiredService<IFeedStateStore>().SaveAsync("mfa-en", new FeedState { ConsecutiveFailures = 3, LastError = "HTTP 503" });
        await services.GetRequiredService<IMessageQueue>().SendAsync("alerts-poison", new DeadLetter("alerts", "story x has no verdict", "{}", DateTimeOffset.UtcNow));

        var status = await services.GetRequiredService<StatusReport>().BuildAsync();

        Assert.Equal(3, status.Feeds["mfa-en"].ConsecutiveFailures);
        Assert.Contains("mfa-en: HTTP 503", status.LastErrors);
        Assert.Contains(status.LastErrors, e => e.StartsWith("alerts-poison") && e.EndsWith("story x has no verdict"));
        Assert.Equal(1, status.Queues.Single(q => q.Queue == "alerts").Poison);
    }
}
