using CampaignFlow.Classification;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

/// <summary>One behaviour per rule kind, each on a minimal rule set so the kind is tested alone.</summary>
public sealed class RuleKindTests
{
    [Fact]
    public void MatchesPhrasesOnWordBoundariesAcrossHyphensAndCase()
    {
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("cluster munition*"));

        var hyphen = rules.Classify(TestRules.Story("Stocks of Cluster-Munitions were destroyed."));
        var inside = rules.Classify(TestRules.Story("The subcluster munitionsdepot is a made-up word."));

        Assert.True(hyphen.Relevant);
        Assert.Equal("Cluster-Munitions", hyphen.Evidence.Single().Term);
        Assert.False(inside.Relevant);
    }

    [Fact]
    public void FiresProximityWhenClusterIsWithinNWordsOfAWeaponWord()
    {
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("submunition*") with
        {
            Proximity = [new ProximityRule { Weight = 2, Anchor = true, Terms = ["cluster"], Near = ["bomb*"], Within = 3 }],
        });

        var near = rules.Classify(TestRules.Story("Aircraft dropped cluster and incendiary bombs on the town."));
        var far = rules.Classify(TestRules.Story("The ocean technology cluster has grown. Old bombs from the war were found elsewhere in the region."));

        Assert.True(near.Relevant);
        Assert.Contains(near.Evidence, e => e.Kind == "proximity" && e.Term == "cluster … bombs");
        Assert.False(far.Relevant);
    }

    [Fact]
    public void LowersTheScoreWhenANegativeContextFires()
    {
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions") with
        {
            Negatives = [new TermGroup { Weight = -3, Terms = ["anti-personnel mine*", "Ottawa Convention"], Reason = "landmine treaty" }],
        });

        var plain = rules.Classify(TestRules.Story("Norway welcomed progress on cluster munitions."));
        var landmine = rules.Classify(TestRules.Story("Unlike cluster munitions, anti-personnel mines are covered by the Ottawa Convention."));

        Assert.True(plain.Relevant);
        Assert.False(landmine.Relevant);
        Assert.Equal(2, landmine.Negatives.Count);
        Assert.All(landmine.Negatives, n => Assert.Equal("landmine treaty", n.Reason));
    }

    [Fact]
    public void CountsContextTermsOnlyNearAnAnchor()
    {
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("bomblet*") with
        {
            Contexts = [new TermGroup { Weight = 1, Within = 3, Terms = ["remnants of"] }],
        });

        var near = rules.Classify(TestRules.Story("Teams cleared remnants of bomblets."));
        var far = rules.Classify(TestRules.Story("Teams cleared remnants of the war in the north of the province over many years, and bomblets too."));

        Assert.Contains(near.Evidence, e => e.Kind == "context");
        Assert.DoesNotContain(far.Evidence, e => e.Kind == "context");
    }

    [Fact]
    public void RequiresAnAnchorWhateverTheOtherTermsWeigh()
    {
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions") with
        {
            Contexts = [new TermGroup { Weight = 10, Terms = ["ratified", "convention"] }],
        });

        var result = rules.Classify(TestRules.Story("Chad ratified the convention on anti-personnel mines."));

        Assert.False(result.Relevant);
        Assert.Equal(0, result.Score);
    }

    [Theory]
    [InlineData("Somalia blir part til klasevåpenkonvensjonen.", "no")]
    [InlineData("Norge ødelegger klaseammunisjonen sin.", "no")]
    [InlineData("Le Niger renonce aux armes à sous-munitions.", "fr")]
    [InlineData("Le Congo rejoint la Convention d’Oslo.", "fr")]
    [InlineData("Guatemala prohíbe las bombas de racimo.", "es")]
    [InlineData("Iraq has joined the CCM.", "en")]
    public void RecognisesLanguageVariantsAndCompounds(string body, string lang)
    {
        var result = TestRules.Default.Classify(TestRules.Story(body, "Nyhet", lang));

        Assert.Contains(result.Evidence, e => e.Kind == "anchor");
    }

    [Fact]
    public void MapsRegionAdjectivesAndStateNamesToRegions()
    {
        var result = TestRules.Default.Classify(TestRules.Story(
            "Several African states and Lebanese officials discussed cluster munitions clearance with Laotian experts."));

        Assert.Contains("africa", result.Regions);
        Assert.Contains("middle-east", result.Regions);
        Assert.Contains("asia", result.Regions);
        Assert.Contains("Lebanon", result.States);
    }

    [Fact]
    public void IgnoresStatesNamedOnlyInAListOfThreeOrMore()
    {
        var result = TestRules.Default.Classify(TestRules.Story(
            "Casualties were recorded in Afghanistan, Syria, Ukraine and Yemen, a report on landmines says."));

        Assert.Empty(result.Regions);
        Assert.Equal(["Afghanistan", "Syria", "Ukraine", "Yemen"], result.States);
    }

    [Fact]
    public void ExtractsStateCountsWithTheirQualifiers()
    {
        var result = TestRules.Default.Classify(TestRules.Story(
            "Nearly 30 additional countries joined the ban on cluster munitions, so more than 70 states now support it; 46 countries met in Oslo."));

        Assert.Contains(result.StateCounts, c => c is { Count: 30, Qualifier: "nearly", Text: "Nearly 30 additional countries" });
        Assert.Contains(result.StateCounts, c => c is { Count: 70, Qualifier: "more-than" });
        Assert.Contains(result.StateCounts, c => c is { Count: 46, Qualifier: null });
    }

    [Fact]
    public void ExtractsConferencesWithPlaceAndDates()
    {
        var story = new StoryText("t", "Lima conference on cluster munitions",
            "At a conference held in Lima from 23 to 25 May, states discussed a ban on cluster munitions.", "en",
            new DateTimeOffset(2007, 5, 31, 0, 0, 0, TimeSpan.Zero));

        var result = TestRules.Default.Classify(story);

        var lima = Assert.Single(result.Conferences, c => c.Place == "Lima");
        Assert.Equal("Peru", lima.State);
        Assert.Equal("23–25 May 2007", lima.Dates);
    }

    [Fact]
    public void HoldsStoriesInTheReviewBand()
    {
        // One anchor of weight 2 with scale 2 scores exactly 0.5: inside the band [0.45, 0.55).
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions"));

        var once = rules.Classify(TestRules.Story("It mentions cluster munitions once."));
        var never = rules.Classify(TestRules.Story("Nothing about the weapon."));
        var often = CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions") with { Anchors = [TestRules.Group(6, "cluster munitions")] })
            .Classify(TestRules.Story("Cluster munitions, cluster munitions."));

        Assert.Equal(ClassificationDecision.Hold, once.Decision);
        Assert.True(once.Relevant);
        Assert.Equal(ClassificationDecision.Drop, never.Decision);
        Assert.Equal(ClassificationDecision.Send, often.Decision);
    }

    [Fact]
    public void AssignsTopicsFromTheirOwnRules()
    {
        var rules = CompiledRuleSet.Compile(TestRules.Minimal("cluster munitions") with
        {
            Topics = new Dictionary<string, TopicRule>
            {
                ["stockpile-destruction"] = new() { Threshold = 2, Terms = [TestRules.Group(2, "stockpile", "destroyed")] },
                ["clearance"] = new() { Threshold = 2, Terms = [TestRules.Group(2, "clearance")] },
            },
        });

        var result = rules.Classify(TestRules.Story("Spain destroyed its stockpile of cluster munitions."));

        Assert.Equal(["stockpile-destruction"], result.Topics);
        var evidence = Assert.Single(result.TopicEvidence, t => t.Topic == "stockpile-destruction");
        Assert.Equal(4, evidence.Score);
    }

    [Fact]
    public void ReportsEvidenceWithPositionsWeightsAndVersion()
    {
        var story = TestRules.Story("Norway condemned the use of cluster munitions in Syria.", "Use of cluster munitions condemned");

        var result = TestRules.Default.Classify(story);

        var anchor = Assert.Single(result.Evidence, e => e.Kind == "anchor");
        Assert.Equal(story.Title.IndexOf("cluster", StringComparison.Ordinal), anchor.Position);
        Assert.True(anchor.Weight > 0);
        Assert.Equal(TestRules.Default.Version, result.RuleSetVersion);
        Assert.Contains("use-condemnation", result.Topics);
    }
}
