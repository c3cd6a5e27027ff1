using CampaignFlow.Functions;
using CampaignFlow.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CampaignFlow.Tests.Unit.Functions;

public sealed class NotifySubscribersTests
{
    [Fact]
    public async Task PassesTheAlertMessageToTheFanOutStage()
    {
        var stage = new Mock<IPipelineStage<AlertMessage, int>>();
        stage.Setup(s => s.HandleAsync(It.IsAny<AlertMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(3);
        var queue = new Mock<IMessageQueue>();
        var function = new NotifySubscribers(new StageRunner(queue.Object, TimeProvider.System, NullLogger<StageRunner>.Instance), stage.Object, NullLogger<NotifySubscribers>.Instance);

        await function.RunAsync("""{"storyId":"s1","ruleSetVersion":"1.0","v":1}""", CancellationToken.None);

        stage.Verify(s => s.HandleAsync(new AlertMessage("s1", "1.0"), It.IsAny<CancellationToken>()), Times.Once);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PoisonsAMessageThatIsNotJson()
    {
        var stage = new Mock<IPipelineStage<AlertMessage, int>>();
        var queue = new Mock<IMessageQueue>();
        var function = new NotifySubscribers(new StageRunner(queue.Object, TimeProvider.System, NullLogger<StageRunner>.Instance), stage.Object, NullLogger<NotifySubscribers>.Instance);

        await function.RunAsync("not json", CancellationToken.None);

        stage.VerifyNoOtherCalls();
        queue.Verify(q => q.SendAsync("alerts-poison", It.Is<DeadLetter>(d => d.Reason.Contains("not valid JSON")), It.IsAny<CancellationToken>()), Times.Once);
    }
}
