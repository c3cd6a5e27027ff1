using CampaignFlow.Tests.Support;
using CampaignFlow.Classification;
using Xunit.Abstractions;
using CampaignFlow.Cli.Tools;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

/// <summary>The evidence the issue asks for: the evaluate code run on the external corpus and on the project's own.</summary>
public sealed class ClassifierEvaluationTests(ITestOutputHelper output)
{
    [SharedFact("corpus/stories.jsonl")]
    public void MeetsTheQualityBarOnTheSharedCorpus()
    {
        var report = ClassifierEvaluator.Evaluate(LabeledCorpus.ReadFile(RepositoryPaths.SharedCorpus!), TestRules.Default);
        output.WriteLine(report.Render());

        Assert.True(report.Relevance.Precision >= 0.97, $"precision {report.Relevance.Precision:F3}");
        Assert.True(report.Relevance.Recall >= 0.97, $"recall {report.Relevance.Recall:F3}");
        // Why 0.88 (was 0.85): 2026.12.04-5 measures 0.885 here.
        Assert.True(report.TopicsMicro.F1 >= 0.88, $"topic micro-F1 {report.TopicsMicro.F1:F3}");
        // Why 0.82 (2026.12.04-5 measures 0.824: europe precision is this corpus's weak point) (was 0.85): aboutness weighs a state named once in the background at half, which helps the
        // held-out part (region micro-F1 0.810 -> 0.847) and costs this corpus 0.852 -> 0.834.
        Assert.True(report.RegionsMicro.F1 >= 0.82, $"region micro-F1 {report.RegionsMicro.F1:F3}");
    }

    [Fact]
    public void DoesWellOnTheProjectsOwnCorpus()
    {
        var report = ClassifierEvaluator.Evaluate(LabeledCorpus.ReadDefault(), TestRules.Default);
        output.WriteLine(report.Render());

        Assert.True(report.Stories >= 80, $"only {report.Stories} stories");
        // Why these floors (were 0.95, 0.95, 0.88, 0.88): 2026.12.04-5 measures 1.000, 0.977, 0.934 and 0.946.
        Assert.True(report.Relevance.Precision >= 0.98, $"precision {report.Relevance.Precision:F3}");
        Assert.True(report.Relevance.Recall >= 0.97, $"recall {report.Relevance.Recall:F3}");
        Assert.True(report.TopicsMicro.F1 >= 0.92, $"topic micro-F1 {report.TopicsMicro.F1:F3}");
        Assert.True(report.RegionsMicro.F1 >= 0.93, $"region micro-F1 {report.RegionsMicro.F1:F3}");
    }

    /// <summary>
    /// The held-out part (config/corpus/heldout, never tuned on): floors a little below what the shipped rule
    /// set measures there, so a rule edit that makes it worse on unseen stories fails here.
    /// </summary>
    [Fact]
    public void HoldsItsQualityOnTheHeldOutPart()
    {
        var report = ClassifierEvaluator.Evaluate(LabeledCorpus.ReadHeldOut(), TestRules.Default);
        // Why: only the tables; the stories behind the errors stay unread so the part stays held out.
        var text = report.Render();
        output.WriteLine(text[..text.IndexOf("Confusion (", StringComparison.Ordinal)]);

        Assert.True(report.Stories >= 100, $"only {report.Stories} stories");
        Assert.True(report.Relevance.Precision >= 0.97, $"precision {report.Relevance.Precision:F3}");
        // Why these floors (were 0.86, 0.84, 0.82): 2026.12.04-5 measures recall 0.909, topics 0.881, regions 0.889.
        Assert.True(report.Relevance.Recall >= 0.89, $"recall {report.Relevance.Recall:F3}");
        Assert.True(report.TopicsMicro.F1 >= 0.87, $"topic micro-F1 {report.TopicsMicro.F1:F3}");
        Assert.True(report.RegionsMicro.F1 >= 0.87, $"region micro-F1 {report.RegionsMicro.F1:F3}");
        // Why 0.75 (was 0.70): English is the weakest language here (0.788 on 16 topic labels), French 0.816.
        Assert.All(report.Languages, l => Assert.True(l.Topics.F1 >= 0.75, $"{l.Lang} topic micro-F1 {l.Topics.F1:F3}"));
    }

    [SharedFact("seed")]
    public void ClassifiesTheSeedStoryAsARelevantConferenceStory()
    {
        var lines = File.ReadAllLines(RepositoryPaths.SeedStory!);
        var story = new StoryText("seed", lines[0], string.Join("\n", lines.Skip(1)), "en");

        var result = TestRules.Default.Classify(story);
        output.WriteLine(ClassificationExplainer.Explain(story, result));

        Assert.True(result.Relevant);
        Assert.Equal(ClassificationDecision.Send, result.Decision);
        Assert.Contains("diplomatic-conference", result.Topics);
        Assert.Contains("state-endorsement", result.Topics);
        Assert.Superset(new HashSet<string> { "latin-america-caribbean", "africa", "asia", "europe" }, result.Regions.ToHashSet());
        Assert.Contains(result.StateCounts, c => c.Count == 70);
        Assert.Contains(result.Conferences, c => c.Place == "Lima" && c.Dates is not null && c.Dates.Contains("May", StringComparison.Ordinal));
    }

    [Fact]
    public void ListsTheStoriesWhoseDecisionAnEditWouldChange()
    {
        var stories = LabeledCorpus.ReadDefault();
        var stricter = CompiledRuleSet.Compile(TestRules.Default.Rules with
        {
            Version = "stricter",
            Scoring = TestRules.Default.Rules.Scoring with { Scale = 12, ReviewLow = 0.5, ReviewHigh = 0.5 },
        });

        var report = ClassifierEvaluator.Evaluate(stories, stricter, baseline: TestRules.Default);

        Assert.Equal(TestRules.Default.Version, report.BaselineVersion);
        Assert.NotEmpty(report.DecisionChanges);
        Assert.All(report.DecisionChanges, d => Assert.NotEqual(d.Before, d.After));
        Assert.Contains("Decision changes from baseline", report.Render());
        Assert.NotEmpty(report.Confusion);
    }

    [Fact]
    public void RendersPerTopicAndPerRegionTables()
    {
        var text = ClassifierEvaluator.Evaluate(LabeledCorpus.ReadDefault(), TestRules.Default).Render();

        Assert.Contains("Relevance  precision", text);
        foreach (var label in ClassificationTaxonomy.Topics.Concat(ClassificationTaxonomy.Regions))
        {
            Assert.Contains(label, text);
        }
    }
}
