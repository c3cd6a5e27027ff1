using CampaignFlow.Classification;
using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

/// <summary>
/// Topics and regions decided by where the evidence stands (rule-set data under "aboutness"): headline and lead
/// over background, spread over several paragraphs, treaty boilerplate counting little, and states acting in
/// the story over states named in passing. Hand-made rule sets, so every score is known.
/// </summary>
public sealed class AboutnessTests
{
    private static readonly AboutnessSettings About = new()
    {
        LeadFactor = 1.5,
        BackgroundFactor = 0.5,
        SpreadBonus = 1,
        BoilerplateFactor = 0.25,
        ListTopics = 3,
        Boilerplate = [TestRules.Group(1, "requires states")],
        RegionBackgroundWeight = 0.5,
        RegionAnchorWithin = 3,
        HomeParagraphs = 1,
    };

    private static CompiledRuleSet Rules(AboutnessSettings about) => CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions") with
    {
        Topics = new Dictionary<string, TopicRule>
        {
            ["signature-ratification"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "ratified")] },
            ["stockpile-destruction"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "stockpiles")] },
            ["clearance"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "clear")] },
            ["victim-assistance"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "victims")] },
            ["national-measures"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "law")] },
        },
        Gazetteer =
        [
            new GazetteerEntry { State = "Norway", Region = "europe", Names = ["Norway"], Home = true },
            new GazetteerEntry { State = "Laos", Region = "asia", Names = ["Laos"] },
            new GazetteerEntry { State = "Chile", Region = "latin-america-caribbean", Names = ["Chile"] },
        ],
        Scoring = TestRules.Minimal().Scoring with { HomeTopics = ["national-measures"] },
        Aboutness = about,
    });

    private static double Score(StoryVerdict v, string topic) => v.TopicEvidence.Single(t => t.Topic == topic).Score;

    [Fact]
    public void WeighsTheLeadOverTheBackground()
    {
        var story = TestRules.Story("Chile ratified the ban on cluster munitions.\n\nIt has stockpiles.");

        var plain = Rules(new()).Classify(story);
        var about = Rules(About).Classify(story);

        Assert.Equal((2, 2), (Score(plain, "signature-ratification"), Score(plain, "stockpile-destruction")));
        Assert.Equal((3, 1), (Score(about, "signature-ratification"), Score(about, "stockpile-destruction")));
        Assert.Equal(["signature-ratification"], about.Topics);
        Assert.Contains(about.TopicEvidence.Single(t => t.Topic == "signature-ratification").Matches, m => m.Kind == "topic-lead");
    }

    [Fact]
    public void CountsLittleForObligationsRecitedFromTheTreaty()
    {
        var cue = TestRules.Story("Laos ratified the convention on cluster munitions.\n\nThe convention requires states to clear land.");
        var list = TestRules.Story("Laos ratified the convention on cluster munitions. States must clear land, destroy stockpiles and help victims.");

        var byCue = Rules(About).Classify(cue);
        var byList = Rules(About).Classify(list);

        Assert.Equal(0.5, Score(byCue, "clearance"));
        Assert.Equal("topic-boilerplate", byCue.TopicEvidence.Single(t => t.Topic == "clearance").Matches.Single().Kind);
        Assert.Equal(["signature-ratification"], byCue.Topics);
        Assert.Equal(0.5, Score(byList, "victim-assistance"));
        Assert.Equal(["signature-ratification"], byList.Topics);
        Assert.Contains("clearance", Rules(new()).Classify(cue).Topics);
    }

    [Fact]
    public void AddsForATopicSpreadOverParagraphs()
    {
        var story = TestRules.Story("Laos: how they clear cluster munitions.\n\nTeams clear fields.\n\nThey clear schools.", title: "Teams clear land");

        var result = Rules(About).Classify(story);

        var spread = Assert.Single(result.TopicEvidence.Single(t => t.Topic == "clearance").Matches, m => m.Kind == "topic-spread");
        Assert.Equal(2, spread.Weight);
        Assert.Equal("in 4 paragraphs", spread.Term);
    }

    [Fact]
    public void CountsStatesActingInTheStoryNotStatesNamedInPassing()
    {
        var passing = TestRules.Story("A report on cluster munitions was published.\n\nIt was also sent to Laos.");
        var twice = TestRules.Story("A report on cluster munitions was published.\n\nIt went to Laos. Laos replied.");
        var acting = TestRules.Story("A report was published.\n\nIt says Laos cleared cluster munitions.");

        Assert.Equal(["asia"], Rules(new()).Classify(passing).Regions);
        Assert.Empty(Rules(About).Classify(passing).Regions);
        Assert.Equal(["asia"], Rules(About).Classify(twice).Regions);
        Assert.Equal(["asia"], Rules(About).Classify(acting).Regions);
    }

    [Fact]
    public void CountsTheHomeStateForItsOwnLawNamedInTheLead()
    {
        var story = TestRules.Story("Norway passed a law against cluster munitions.", title: "New law passed");

        Assert.Empty(Rules(new()).Classify(story).Regions);
        Assert.Equal(["europe"], Rules(About).Classify(story).Regions);
    }
}
