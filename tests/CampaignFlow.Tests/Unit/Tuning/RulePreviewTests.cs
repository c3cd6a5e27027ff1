using CampaignFlow.Classification;
using CampaignFlow.Tests.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Tests.Unit.Tuning;

/// <summary>The live preview: decisions an edit changes, with evidence, and scores next to the active version's.</summary>
public sealed class RulePreviewTests
{
    private static readonly PreviewStory Thermobaric = PreviewStories.Recent(
        "recent-thermobaric",
        "Ministry welcomes talks on thermobaric warheads",
        "The ministry said talks on thermobaric warheads would continue. Thermobaric warheads harm civilians, and a ban on thermobaric warheads is sought.");

    [Fact]
    public void AnUnchangedRuleSetChangesNoDecisionAndScoresTheSame()
    {
        var baseline = PreviewBaseline.Create(TestRules.Default, [.. PreviewStories.Corpus, Thermobaric]);

        var result = RulePreview.Run(baseline, TestRules.Default);

        Assert.Empty(result.Changes);
        Assert.Equal(result.Active.Relevance, result.Edited.Relevance);
        Assert.Equal(result.Active.TopicsMicro, result.Edited.TopicsMicro);
        Assert.Equal((1, PreviewStories.Corpus.Count), (result.RecentStories, result.LabeledStories));
    }

    [Fact]
    public void AnAddedTermMakesARecentStoryAlertWithTheTermAsItsEvidence()
    {
        var baseline = PreviewBaseline.Create(TestRules.Default, [.. PreviewStories.Corpus, Thermobaric]);
        var edited = CompiledRuleSet.Compile(RuleSetEdits.AddAnchor(TestRules.Default.Rules, "en", "thermobaric warheads", 5, "test"));

        var result = RulePreview.Run(baseline, edited);

        var change = Assert.Single(result.Changes);
        Assert.Equal("recent-thermobaric", change.Story.Text.Id);
        Assert.Equal((ClassificationDecision.Drop, ClassificationDecision.Send), (change.Before, change.After.Decision));
        Assert.Contains(change.After.Evidence, e => e.Term.Equals("thermobaric warheads", StringComparison.OrdinalIgnoreCase) && e.Count == 4);
        Assert.Equal((1, 0), (result.NowAlert, result.WouldStop));
        Assert.True(change.NowAlerts);
        Assert.Null(change.Improves);
    }

    [Fact]
    public void ARaisedThresholdStopsAlertsAndLowersRecallOnTheLabeledStories()
    {
        var baseline = PreviewBaseline.Create(TestRules.Default, PreviewStories.Corpus);
        var strict = TestRules.Default.Rules with
        {
            Version = "strict",
            Scoring = TestRules.Default.Rules.Scoring with { ReviewLow = 0.9, Threshold = 0.95, ReviewHigh = 0.97 },
        };

        var result = RulePreview.Run(baseline, CompiledRuleSet.Compile(strict));

        Assert.True(result.WouldStop > 0);
        Assert.Equal(0, result.NowAlert);
        Assert.All(result.Changes, c => Assert.NotEqual(ClassificationDecision.Send, c.After.Decision));
        Assert.True(result.Edited.Relevance.Recall < result.Active.Relevance.Recall);
        Assert.Equal(("strict", TestRules.Default.Version), (result.Edited.Version, result.Active.Version));
        // A labeled relevant story that stops alerting is a change for the worse.
        Assert.Contains(result.Changes, c => c.Story.Label is { Relevant: true } && c.Improves == false);
    }

    [Fact]
    public void ScoresCountTopicsAndRegionsPerLabel()
    {
        var story = new LabeledStory { Id = "l1", Title = "t", Body = "b", Relevant = true, Topics = ["clearance"], Regions = ["africa"] };
        var verdict = new StoryVerdict { Relevant = true, Score = 0.9, Decision = ClassificationDecision.Send, RuleSetVersion = "v", Topics = ["clearance", "financing"], Regions = [] };

        var scores = RuleScores.Measure("v", [(story, verdict)]);

        Assert.Equal(new PrecisionRecall("relevance", 1, 0, 0), scores.Relevance);
        Assert.Equal(new PrecisionRecall("clearance", 1, 0, 0), scores.Topics.Single(t => t.Label == "clearance"));
        Assert.Equal(new PrecisionRecall("financing", 0, 1, 0), scores.Topics.Single(t => t.Label == "financing"));
        Assert.Equal(new PrecisionRecall("africa", 0, 0, 1), scores.Regions.Single(r => r.Label == "africa"));
        Assert.Equal(new PrecisionRecall("micro", 1, 1, 0), scores.TopicsMicro);
    }
}
