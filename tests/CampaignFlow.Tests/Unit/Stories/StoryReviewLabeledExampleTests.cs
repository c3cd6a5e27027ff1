using CampaignFlow.Classification;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Unit.Stories;

public sealed class StoryReviewLabeledExampleTests
{
    private static readonly ClassifiedStory Held = new(
        new Story { Id = "s1", Feed = "mfa-en", Language = "en", Title = "Mine action in Laos", Summary = "Survey of submunition remnants.", Published = new DateTimeOffset(2012, 3, 1, 0, 0, 0, TimeSpan.Zero) },
        new StoryVerdict { Relevant = false, Score = 0.4, Decision = ClassificationDecision.Hold, Topics = ["clearance"], Regions = ["asia"], RuleSetVersion = "r1" });

    [Fact]
    public void AnApprovedHeldStoryBecomesARelevantExampleThatTheCorpusReadsBack()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "corpus.jsonl");

        LabeledCorpus.Append(path, StoryReview.LabeledExample(Held, approved: true));
        var read = Assert.Single(LabeledCorpus.ReadFile(path));

        Assert.True(read.Relevant);
        Assert.Equal(["clearance"], read.Topics);
        Assert.Equal(["asia"], read.Regions);
        Assert.Equal("2012-03-01", read.Published);
        Assert.Equal("Survey of submunition remnants.", read.Body);
    }

    [Fact]
    public void ARejectedHeldStoryBecomesANegativeExampleWithoutTopics()
    {
        var example = StoryReview.LabeledExample(Held, approved: false);

        Assert.False(example.Relevant);
        Assert.Empty(example.Topics);
        Assert.Equal("staff-rejected", example.Source);
    }
}
