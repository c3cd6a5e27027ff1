using Verdict = CampaignFlow.Classification.StoryVerdict;
using CampaignFlow.Classification;
using CampaignFlow.Functions;
using CampaignFlow.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CampaignFlow.Tests.Unit.Functions;

public sealed class ClassifyStoryTests
{
    private readonly Mock<IPipelineStage<StoryMessage, Verdict>> _stage = new();
    private readonly Mock<IMessageQueue> _queue = new();

    private ClassifyStory Function() =>
        new(new StageRunner(_queue.Object, TimeProvider.System, NullLogger<StageRunner>.Instance), _stage.Object, NullLogger<ClassifyStory>.Instance);

    [Fact]
    public async Task PassesTheStoryMessageToTheStageAndNothingElse()
    {
        _stage.Setup(s => s.HandleAsync(It.IsAny<StoryMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Verdict { Relevant = true, Score = 3, Decision = ClassificationDecision.Send, RuleSetVersion = "t" });

        await Function().RunAsync("""{"storyId":"abc","feed":"mfa","v":1}""", CancellationToken.None);

        _stage.Verify(s => s.HandleAsync(new StoryMessage("abc", "mfa"), It.IsAny<CancellationToken>()), Times.Once);
        _stage.VerifyNoOtherCalls();
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendsAnUnreadableMessageToThePoisonQueueWithItsReason()
    {
        await Function().RunAsync("""{"storyId":"abc","feed":"mfa","v":7}""", CancellationToken.None);

        _stage.VerifyNoOtherCalls();
        _queue.Verify(q => q.SendAsync(
            "stories-poison",
            It.Is<DeadLetter>(d => d.Reason.Contains("version 7") && d.Message.Contains("abc")),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PutsATransientFailureBackWithTheFirstBackOffDelayAndItsRetryCount()
    {
        _stage.Setup(s => s.HandleAsync(It.IsAny<StoryMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("storage slow"));

        await Function().RunAsync("""{"storyId":"abc","feed":"mfa","v":1}""", CancellationToken.None);

        _queue.Verify(q => q.DeferAsync("stories", It.Is<string>(b => b.Contains("\"retry\":1") && b.Contains("abc")), new RetryOptions().FirstDelay, It.IsAny<CancellationToken>()), Times.Once);
        _queue.VerifyNoOtherCalls();
    }
}
