using CampaignFlow.Functions;
using CampaignFlow.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CampaignFlow.Tests.Unit.Functions;

public sealed class DeliverBatchTests
{
    private const string Body = """{"storyId":"s1","ruleSetVersion":"1.0","language":"en","batch":2,"recipients":["a1","b2"],"v":1}""";

    private static DeliverBatch Function(Mock<IPipelineStage<DeliveryBatchMessage, int>> stage, Mock<IMessageQueue> queue) =>
        new(new StageRunner(queue.Object, TimeProvider.System, NullLogger<StageRunner>.Instance), stage.Object, NullLogger<DeliverBatch>.Instance);

    [Fact]
    public async Task PassesTheBatchToTheDeliveryStage()
    {
        var stage = new Mock<IPipelineStage<DeliveryBatchMessage, int>>();
        var queue = new Mock<IMessageQueue>();

        await Function(stage, queue).RunAsync(Body, CancellationToken.None);

        stage.Verify(s => s.HandleAsync(It.Is<DeliveryBatchMessage>(m => m.StoryId == "s1" && m.Batch == 2 && m.Recipients.SequenceEqual(new[] { "a1", "b2" })), It.IsAny<CancellationToken>()), Times.Once);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PutsADeferredBatchBackWithItsDelayAndCompletesTheOriginal()
    {
        var stage = new Mock<IPipelineStage<DeliveryBatchMessage, int>>();
        stage.Setup(s => s.HandleAsync(It.IsAny<DeliveryBatchMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new DeferredMessageException("rate limited", TimeSpan.FromSeconds(90)));
        var queue = new Mock<IMessageQueue>();

        await Function(stage, queue).RunAsync(Body, CancellationToken.None);

        queue.Verify(q => q.DeferAsync(QueueNames.Deliveries, Body, TimeSpan.FromSeconds(90), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PoisonsAPermanentRefusalWithTheReason()
    {
        var stage = new Mock<IPipelineStage<DeliveryBatchMessage, int>>();
        stage.Setup(s => s.HandleAsync(It.IsAny<DeliveryBatchMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidMessageException("refused permanently: SendGrid answered 400"));
        var queue = new Mock<IMessageQueue>();

        await Function(stage, queue).RunAsync(Body, CancellationToken.None);

        queue.Verify(q => q.SendAsync("deliveries-poison", It.Is<DeadLetter>(d => d.Reason.Contains("400") && d.Message == Body), It.IsAny<CancellationToken>()), Times.Once);
    }
}
