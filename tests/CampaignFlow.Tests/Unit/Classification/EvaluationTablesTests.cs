using System.Text.Json;
using CampaignFlow.Classification;
using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

/// <summary>
/// The evaluate tables on a hand-made set and a hand-made rule set, so every count is known in advance:
/// "clearance" assigns clearance, "victims" victim-assistance, "Laos" asia and "France" europe.
/// </summary>
public sealed class EvaluationTablesTests
{
    private static readonly CompiledRuleSet Rules = CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions") with
    {
        Topics = new Dictionary<string, TopicRule>
        {
            ["clearance"] = new() { Threshold = 1, Relative = false, Terms = [TestRules.Group(1, "clearance")] },
            ["victim-assistance"] = new() { Threshold = 1, Relative = false, Terms = [TestRules.Group(1, "victims")] },
        },
        Gazetteer =
        [
            new GazetteerEntry { State = "Laos", Region = "asia", Names = ["Laos"] },
            new GazetteerEntry { State = "France", Region = "europe", Names = ["France"] },
        ],
    });

    private static LabeledStory Story(string id, string lang, string body, bool relevant, string[] topics, string[] regions) =>
        new() { Id = id, Lang = lang, Title = id, Body = body, Relevant = relevant, Topics = topics, Regions = regions };

    // a1: right on everything. a2: clearance labeled, victims assigned too (+victim-assistance), Laos labeled but
    // France assigned as well (+europe). f1: clearance missed (-clearance) and asia missed. f2: a false positive
    // (relevance +, +clearance). f3: a true negative with nothing wrong.
    private static readonly LabeledStory[] Set =
    [
        Story("a1", "en", "Cluster munitions clearance in Laos.", true, ["clearance"], ["asia"]),
        Story("a2", "en", "Cluster munitions clearance and victims in Laos and France.", true, ["clearance"], ["asia"]),
        Story("f1", "fr", "Cluster munitions: victims.", true, ["clearance", "victim-assistance"], ["asia"]),
        Story("f2", "fr", "Cluster munitions clearance, a museum piece.", false, [], []),
        Story("f3", "fr", "A story about wine.", false, [], []),
    ];

    [Fact]
    public void CountsEachTopicAndRegionWithSupport()
    {
        var report = ClassifierEvaluator.Evaluate(Set, Rules);

        var clearance = report.Topics.Single(t => t.Label == "clearance");
        Assert.Equal((2, 1, 1, 3), (clearance.TruePositives, clearance.FalsePositives, clearance.FalseNegatives, clearance.Support));
        var victims = report.Topics.Single(t => t.Label == "victim-assistance");
        Assert.Equal((1, 1, 0, 1), (victims.TruePositives, victims.FalsePositives, victims.FalseNegatives, victims.Support));
        Assert.Equal((3, 2, 1), (report.TopicsMicro.TruePositives, report.TopicsMicro.FalsePositives, report.TopicsMicro.FalseNegatives));
        var asia = report.Regions.Single(r => r.Label == "asia");
        Assert.Equal((2, 0, 1), (asia.TruePositives, asia.FalsePositives, asia.FalseNegatives));
        var europe = report.Regions.Single(r => r.Label == "europe");
        Assert.Equal((0, 1, 0), (europe.TruePositives, europe.FalsePositives, europe.FalseNegatives));
        Assert.Equal(0.6, report.TopicsMicro.Precision, 3);
        Assert.Equal(0.75, report.TopicsMicro.Recall, 3);
    }

    [Fact]
    public void CountsEachLanguageApart()
    {
        var report = ClassifierEvaluator.Evaluate(Set, Rules);

        Assert.Equal(["en", "fr"], report.Languages.Select(l => l.Lang));
        var en = report.Languages[0];
        var fr = report.Languages[1];
        Assert.Equal((2, 2, 1, 0), (en.Stories, en.Topics.TruePositives, en.Topics.FalsePositives, en.Topics.FalseNegatives));
        Assert.Equal((3, 1, 1, 1), (fr.Stories, fr.Topics.TruePositives, fr.Topics.FalsePositives, fr.Topics.FalseNegatives));
        Assert.Equal((1, 1, 0), (fr.Relevance.TruePositives, fr.Relevance.FalsePositives, fr.Relevance.FalseNegatives));
        Assert.Equal((0, 0, 1), (fr.Regions.TruePositives, fr.Regions.FalsePositives, fr.Regions.FalseNegatives));
    }

    [Fact]
    public void ListsTheStoriesBehindEachError()
    {
        var report = ClassifierEvaluator.Evaluate(Set, Rules);

        Assert.Equal(["a2", "f1", "f2"], report.Errors.Select(e => e.Id));
        var a2 = report.Errors[0];
        Assert.Equal(["victim-assistance"], a2.ExtraTopics);
        Assert.Equal(["europe"], a2.ExtraRegions);
        var f1 = report.Errors[1];
        Assert.Equal(["clearance"], f1.MissingTopics);
        Assert.Equal(["asia"], f1.MissingRegions);
        Assert.True(report.Errors[2] is { PredictedRelevant: true, LabeledRelevant: false });

        var text = report.Render();
        Assert.Contains("Topics by language", text);
        Assert.Matches(@"fr \(3 stories\)\s+0\.500\s+0\.500\s+0\.500\s+2\s+1\s+1\s+1", text);
        Assert.Matches(@"a2\s+en\s+topics \+victim-assistance\s+regions \+europe", text);
        Assert.Matches(@"f1\s+fr\s+topics -clearance\s+regions -asia", text);
        Assert.Matches(@"f2\s+fr\s+relevance \+\s+topics \+clearance", text);
    }

    [Fact]
    public void GivesTheStaffPreviewTheSameNumbers()
    {
        var report = ClassifierEvaluator.Evaluate(Set, Rules);

        var preview = CampaignFlow.Tuning.RuleScores.Measure("v", [.. Set.Select(s => (s, Rules.Classify(s.ToStoryText())))]);

        Assert.Equal(report.Relevance, preview.Relevance);
        Assert.Equal(report.Topics, preview.Topics);
        Assert.Equal(report.TopicsMicro, preview.TopicsMicro);
        Assert.Equal(report.Regions, preview.Regions);
        Assert.Equal(report.RegionsMicro, preview.RegionsMicro);
    }

    [Fact]
    public void WritesTheSameNumbersAsJson()
    {
        var report = ClassifierEvaluator.Evaluate(Set, Rules);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        var clearance = root.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("label").GetString() == "clearance");
        Assert.Equal(3, clearance.GetProperty("support").GetInt32());
        Assert.Equal(2.0 / 3, clearance.GetProperty("precision").GetDouble(), 3);
        Assert.Equal("fr", root.GetProperty("languages")[1].GetProperty("lang").GetString());
        Assert.Equal("f1", root.GetProperty("errors")[1].GetProperty("id").GetString());
        Assert.Equal("clearance", root.GetProperty("errors")[1].GetProperty("missing_topics")[0].GetString());
    }
}
