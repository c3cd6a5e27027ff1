using CampaignFlow.Classification;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CampaignFlow.Tests.Integration.Stories;

public sealed class StoryReviewTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<string> HeldStoryAsync(IStoryLedger ledger)
    {
        var id = Guid.NewGuid().ToString("n");
        await ledger.TryAddAsync(new Story { Id = id, Feed = "mfa", Title = "Held " + id });
        await ledger.SaveVerdictAsync(id, new StoryVerdict { Relevant = false, Score = 0.5, Decision = ClassificationDecision.Hold, RuleSetVersion = "1.0" });
        return id;
    }

    [Fact]
    public async Task ApprovingAHeldStoryRaisesItsAlertAndTakesItOffTheList()
    {
        await using var services = azurite.Services();
        var ledger = services.GetRequiredService<IStoryLedger>();
        var queue = new Mock<IMessageQueue>();
        var review = new StoryReview(ledger, queue.Object);
        var id = await HeldStoryAsync(ledger);
        Assert.Contains(await review.ListAsync().ToListAsync(), s => s.Story.Id == id);

        Assert.True(await review.ApproveAsync(id));

        queue.Verify(q => q.SendAsync(QueueNames.Alerts, new AlertMessage(id, "1.0"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.DoesNotContain(await review.ListAsync().ToListAsync(), s => s.Story.Id == id);
    }

    [Fact]
    public async Task ARejectedStoryIsNeverSentAndCannotBeApprovedLater()
    {
        await using var services = azurite.Services();
        var ledger = services.GetRequiredService<IStoryLedger>();
        var queue = new Mock<IMessageQueue>();
        var review = new StoryReview(ledger, queue.Object);
        var id = await HeldStoryAsync(ledger);

        Assert.True(await review.RejectAsync(id));
        Assert.False(await review.ApproveAsync(id));
        Assert.False(await review.ApproveAsync("no-such-story"));

        queue.VerifyNoOtherCalls();
        Assert.DoesNotContain(await review.ListAsync().ToListAsync(), s => s.Story.Id == id);
    }
}
