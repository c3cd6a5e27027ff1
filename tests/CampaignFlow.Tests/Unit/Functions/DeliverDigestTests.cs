using CampaignFlow.Functions;
using CampaignFlow.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CampaignFlow.Tests.Unit.Functions;

public sealed class DeliverDigestTests
{
    private const string Body = """{"digest":"digest-20261129","language":"en","batch":2,"stories":["s1","s2"],"recipients":["a1","b2"],"v":1}""";

    private static DeliverDigest Function(Mock<IPipelineStage<DigestBatchMessage, int>> stage, Mock<IMessageQueue> queue) =>
        new(new StageRunner(queue.Object, TimeProvider.System, NullLogger<StageRunner>.Instance), stage.Object, NullLogger<DeliverDigest>.Instance);

    [Fact]
    public async Task PassesTheBatchToTheDigestStage()
    {
        var stage = new Mock<IPipelineStage<DigestBatchMessage, int>>();
        var queue = new Mock<IMessageQueue>();

        await Function(stage, queue).RunAsync(Body, CancellationToken.None);

        stage.Verify(s => s.HandleAsync(It.Is<DigestBatchMessage>(m => m.Digest == "digest-20261129" && m.Batch == 2 && m.Stories.SequenceEqual(new[] { "s1", "s2" }) && m.Recipients.SequenceEqual(new[] { "a1", "b2" })), It.IsAny<CancellationToken>()), Times.Once);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PutsADeferredBatchBackWithItsDelayAndCompletesTheOriginal()
    {
        var stage = new Mock<IPipelineStage<DigestBatchMessage, int>>();
        stage.Setup(s => s.HandleAsync(It.IsAny<DigestBatchMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new DeferredMessageException("rate limited", TimeSpan.FromSeconds(90)));
        var queue = new Mock<IMessageQueue>();

        await Function(stage, queue).RunAsync(Body, CancellationToken.None);

        queue.Verify(q => q.DeferAsync(QueueNames.Digests, Body, TimeSpan.FromSeconds(90), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PoisonsAPermanentRefusalWithTheReason()
    {
        var stage = new Mock<IPipelineStage<DigestBatchMessage, int>>();
        stage.Setup(s => s.HandleAsync(It.IsAny<DigestBatchMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidMessageException("refused permanently: SendGrid answered 400"));
        var queue = new Mock<IMessageQueue>();

        await Function(stage, queue).RunAsync(Body, CancellationToken.None);

        queue.Verify(q => q.SendAsync("digests-poison", It.Is<DeadLetter>(d => d.Reason.Contains("400") && d.Message == Body), It.IsAny<CancellationToken>()), Times.Once);
    }
}
