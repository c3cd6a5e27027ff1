using CampaignFlow.Feeds;
using CampaignFlow.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CampaignFlow.Tests.Unit.Functions;

public sealed class PollNewsFeedTests
{
    [Fact]
    public async Task PollsEveryFeedOncePerTick()
    {
        var poller = new Mock<IFeedPoller>();
        poller.Setup(p => p.PollAllAsync(It.IsAny<CancellationToken>())).ReturnsAsync([new FeedPollResult("mfa", 10, 2, false, null)]);

        await new PollNewsFeed(poller.Object, NullLogger<PollNewsFeed>.Instance).RunAsync(new TimerInfo(), CancellationToken.None);

        poller.Verify(p => p.PollAllAsync(It.IsAny<CancellationToken>()), Times.Once);
        poller.VerifyNoOtherCalls();
    }
}
