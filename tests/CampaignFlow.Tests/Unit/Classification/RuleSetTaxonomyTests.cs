using CampaignFlow.Classification;
using CampaignFlow.Subscribers;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

public sealed class RuleSetTaxonomyTests
{
    private static Dictionary<string, IReadOnlyDictionary<string, string>> Names(string id, params (string Language, string Label)[] labels) =>
        new() { [id] = labels.ToDictionary(l => l.Language, l => l.Label) };

    [Fact]
    public void ListsOnlyTheTopicsAndRegionsTheRuleSetAssignsInTaxonomyOrder()
    {
        var rules = TestRules.Minimal("cluster munitions") with
        {
            Topics = new Dictionary<string, TopicRule> { ["victim-assistance"] = new(), ["clearance"] = new() },
            Gazetteer = [new GazetteerEntry { State = "Laos", Region = "asia", Names = ["Laos"] }],
            RegionTerms = [new RegionTermGroup { Region = "africa", Terms = ["African"] }],
        };

        var taxonomy = RuleSetTaxonomy.Of(rules);

        Assert.Equal(["clearance", "victim-assistance"], taxonomy.Topics);
        Assert.Equal(["africa", "asia"], taxonomy.Regions);
    }

    [Fact]
    public void FallsBackToTheEnglishLabelThenToTheIdMadeReadable()
    {
        var rules = TestRules.Minimal("cluster munitions") with
        {
            Topics = new Dictionary<string, TopicRule> { ["clearance"] = new(), ["victim-assistance"] = new() },
            Labels = new RuleSetLabels { Topics = Names("clearance", ("en", "Clearance"), ("no", "Rydding")) },
        };

        var taxonomy = RuleSetTaxonomy.Of(rules);

        Assert.Equal("Rydding", taxonomy.TopicLabel("clearance", "no"));
        Assert.Equal("Rydding", taxonomy.TopicLabel("clearance", "nb"));
        Assert.Equal("Clearance", taxonomy.TopicLabel("clearance", "fr"));
        Assert.Equal("Victim assistance", taxonomy.TopicLabel("victim-assistance", "no"));
        Assert.Equal("Latin america caribbean", taxonomy.RegionLabel("latin-america-caribbean", "es"));
    }

    [Fact]
    public void TheShippedRuleSetNamesEveryTopicAndRegionInEverySubscriberLanguage()
    {
        var labels = TestRules.Default.Rules.Labels!;

        foreach (var (ids, byId) in new[] { (ClassificationTaxonomy.Topics, labels.Topics), (ClassificationTaxonomy.Regions, labels.Regions) })
        {
            foreach (var id in ids)
            {
                Assert.True(byId.ContainsKey(id), $"no labels for {id}");
                Assert.All(Languages.Supported, language => Assert.True(byId[id].ContainsKey(language), $"no {language} label for {id}"));
            }
        }
    }
}
