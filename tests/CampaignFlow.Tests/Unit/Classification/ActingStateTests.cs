using CampaignFlow.Classification;
using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

/// <summary>
/// Regions from the state that acts in the story (a meeting's host named by a host word, the home state ratifying
/// in the headline, the meeting whose place the headline names), and topic terms that are part of a longer name.
/// Hand-made rule sets, so every figure is known; the last tests go through the shipped rule set.
/// </summary>
public sealed class ActingStateTests
{
    private static CompiledRuleSet Rules(Func<RuleSet, RuleSet>? edit = null)
    {
        var rules = TestRules.Minimal("cluster munitions") with
        {
            Topics = new Dictionary<string, TopicRule>
            {
                ["diplomatic-conference"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "meeting", "Meeting of States Parties")] },
                ["signature-ratification"] = new() { Threshold = 2, Relative = false, Terms = [TestRules.Group(2, "ratifies", "states parties")] },
            },
            Gazetteer =
            [
                new GazetteerEntry { State = "Norway", Region = "europe", Names = ["Norway"], Cities = ["Oslo"], Home = true },
                new GazetteerEntry { State = "Lebanon", Region = "middle-east", Names = ["Lebanon"], Cities = ["Beirut"] },
                new GazetteerEntry { State = "Laos", Region = "asia", Names = ["Laos"] },
            ],
            Scoring = TestRules.Minimal().Scoring with { HomeTopics = [], HostTopics = ["diplomatic-conference"] },
            Extraction = new ExtractionRules { ConferenceTerms = ["meeting"], HostTerms = ["hosts", "hosted"] },
        };
        return CompiledRuleSet.Compile(edit is null ? rules : edit(rules));
    }

    [Fact]
    public void AHostWordTiesTheMeetingToItsHost()
    {
        // A city alone counts half a state; as the meeting's host it counts fully.
        var story = TestRules.Story("Beirut hosts the second meeting on cluster munitions this week.");

        var verdict = Rules().Classify(story);
        var plain = Rules(r => r with { Extraction = r.Extraction with { HostTerms = [] } }).Classify(story);

        Assert.Equal(["middle-east"], verdict.Regions);
        Assert.Equal("Lebanon", verdict.Conferences.Single().State);
        Assert.Empty(plain.Conferences);
        Assert.Empty(plain.Regions);
    }

    [Fact]
    public void TheHomeStateRatifyingInTheHeadlineIsARegionButNotOneNamedInTheLead()
    {
        var home = Rules(r => r with { Scoring = r.Scoring with { HomeHeadlineTopics = ["signature-ratification"] } });
        var acting = TestRules.Story("The government ratifies the ban on cluster munitions.", title: "Norway ratifies the convention");
        var aside = TestRules.Story("Laos ratifies the ban on cluster munitions, Norway said.", title: "Laos ratifies the convention");
        var treatyName = TestRules.Story("Laos ratifies the ban on cluster munitions. Norway welcomes it.", title: "Laos ratifies the Oslo treaty");

        Assert.Equal(["europe"], home.Classify(acting).Regions);
        Assert.Empty(Rules().Classify(acting).Regions);
        Assert.Equal(["asia"], home.Classify(aside).Regions);
        Assert.Equal(["asia"], home.Classify(treatyName).Regions);
    }

    [Fact]
    public void AMeetingWhosePlaceTheHeadlineNamesCountsWhateverTheTopic()
    {
        const string body = "Lebanon ratifies the ban on cluster munitions at the signing conference in Beirut.";
        var rules = Rules(r => r with
        {
            Gazetteer = [.. r.Gazetteer.Select(e => e with { Weight = e.Home ? 1 : 0.4 })],
            Extraction = r.Extraction with { ConferenceTerms = ["meeting", "signing conference"] },
        });

        var verdict = rules.Classify(TestRules.Story(body, title: "States ratify in Beirut"));
        var other = rules.Classify(TestRules.Story(body, title: "States ratify"));

        Assert.Equal(["signature-ratification"], verdict.Topics);
        Assert.Equal(["middle-east"], verdict.Regions);
        Assert.Empty(other.Regions);
    }

    [Fact]
    public void ATopicTermInsideAnotherTopicsLongerTermIsPartOfThatName()
    {
        var verdict = Rules().Classify(TestRules.Story("The Meeting of States Parties on cluster munitions opened."));

        Assert.Equal(["diplomatic-conference"], verdict.Topics);
        Assert.Equal(0, verdict.TopicEvidence.Single(t => t.Topic == "signature-ratification").Score);
        Assert.Equal(["diplomatic-conference", "signature-ratification"], Rules().Classify(TestRules.Story("The meeting of cluster munitions states parties opened.")).Topics);
    }

    [Fact]
    public void AMeetingsAgendaIsNotItsTopicUnlessTheHeadlineSaysSo()
    {
        var rules = Rules(r => r with { Aboutness = r.Aboutness with { MeetingHeadlineTopics = ["signature-ratification"] } });
        const string body = "The meeting on cluster munitions opened. Laos ratifies the convention.";

        Assert.Equal(["diplomatic-conference"], rules.Classify(TestRules.Story(body, title: "Meeting opens")).Topics);
        Assert.Equal(["diplomatic-conference", "signature-ratification"], rules.Classify(TestRules.Story(body, title: "Meeting opens as Laos ratifies")).Topics);
        Assert.Equal(["diplomatic-conference", "signature-ratification"], Rules().Classify(TestRules.Story(body, title: "Meeting opens")).Topics);
        Assert.Equal(["signature-ratification"], rules.Classify(TestRules.Story("Laos ratifies the ban on cluster munitions.")).Topics);
    }

    [Fact]
    public void AListWithArticlesBetweenItsStatesIsAnAside()
    {
        var rules = Rules(r => r with
        {
            Gazetteer = [.. r.Gazetteer, new GazetteerEntry { State = "Russia", Region = "europe", Names = ["Russie"] }, new GazetteerEntry { State = "China", Region = "asia", Names = ["Chine"] }],
        });

        var verdict = rules.Classify(TestRules.Story("Les cluster munitions : Lebanon, la Russie et la Chine restent hors du traité.", lang: "fr"));

        Assert.Equal(["Lebanon", "Russia", "China"], verdict.States);
        Assert.Empty(verdict.Regions);
    }

    [Fact]
    public void AMeetingHeldAtHomeCountsInAStoryNotAboutTheBanWhenTheSetSaysSo()
    {
        var story = TestRules.Story("Oslo hosts the meeting on climate this week.", title: "Climate meeting");

        Assert.False(Rules().Classify(story).Relevant);
        Assert.Empty(Rules().Classify(story).Regions);
        Assert.Equal(["europe"], Rules(r => r with { Aboutness = r.Aboutness with { HomeHostsAnyMeeting = true } }).Classify(story).Regions);
    }

    [Fact]
    public void APlaceInsideANegativeTermNamesSomethingElse()
    {
        var story = TestRules.Story("The cluster munitions talks recalled the accords.", title: "Thirty years since the Laos Accords");

        var verdict = Rules(r => r with { Negatives = [TestRules.Group(-1, "Laos Accords")] }).Classify(story);
        var ownName = Rules(r => r with { Negatives = [TestRules.Group(-1, "Laos")] }).Classify(story);

        Assert.Empty(verdict.States);
        Assert.Empty(verdict.Regions);
        Assert.Equal(["asia"], Rules().Classify(story).Regions);
        Assert.Equal(["asia"], ownName.Regions);
    }

    [Fact]
    public void TheShippedSetCountsAnAmountGivenAsFinancingButNotACost()
    {
        var cost = new StoryText("c", "Laos : la dépollution coûtera des centaines de millions",
            "Plus de 80 millions de sous-munitions non explosées ont été dispersées au Laos, et la dépollution coûtera plusieurs centaines de millions de dollars.", "fr");
        var gift = new StoryText("g", "Norge gir fem millioner kroner til konvensjonens sekretariat",
            "Norge gir fem millioner kroner til arbeidet mot klaseammunisjon, for rydding og destruksjon av lagre.", "no");

        static TopicEvidence Financing(StoryText s) => TestRules.Default.Classify(s).TopicEvidence.Single(t => t.Topic == "financing");

        Assert.True(Financing(cost).Score < Financing(cost).Threshold, $"cost scored {Financing(cost).Score}");
        Assert.True(Financing(gift).Score >= Financing(gift).Threshold, $"gift scored {Financing(gift).Score}");
        Assert.Contains(Financing(gift).Matches, m => m.Kind == "topic-proximity");
    }

    [Fact]
    public void TheShippedSetGivesTheHostOfAMeetingNamedByAHostWord()
    {
        var story = new StoryText("h", "Oslo accueille la troisième réunion des États parties",
            "La troisième réunion des États parties à la Convention sur les armes à sous-munitions s'est ouverte mardi. Plus de 110 pays sont représentés.", "fr");

        var verdict = TestRules.Default.Classify(story);

        Assert.Contains("diplomatic-conference", verdict.Topics);
        Assert.Equal(["europe"], verdict.Regions);
    }
}
