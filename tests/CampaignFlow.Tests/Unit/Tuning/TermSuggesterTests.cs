using CampaignFlow.Classification;
using CampaignFlow.Tests.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Tests.Unit.Tuning;

/// <summary>Suggested terms come from the labeled stories the rules get wrong, each with the preview of adding it.</summary>
public sealed class TermSuggesterTests
{
    private static readonly PreviewStory[] Trade =
    [
        PreviewStories.Labeled("trade-1", "Trade council meets in Bergen", "The trade council discussed salmon exports and shipping tariffs.", relevant: false),
        PreviewStories.Labeled("trade-2", "Minister opens trade fair", "The minister opened the trade fair on renewable energy and shipping.", relevant: false),
        PreviewStories.Labeled("trade-3", "New tariffs on timber", "Tariffs on timber exports were agreed with the trade partners.", relevant: false),
    ];

    [Fact]
    public void SuggestsAPhraseThatCatchesRelevantStoriesTheRulesMiss()
    {
        PreviewStory[] missed =
        [
            PreviewStories.Labeled("miss-1", "Thermobaric warheads banned by treaty partners", "Partners agreed that thermobaric warheads must go. Thermobaric warheads kill indiscriminately; thermobaric warheads stockpiles will be destroyed.", relevant: true),
            PreviewStories.Labeled("miss-2", "Norway urges end to thermobaric warheads", "Thermobaric warheads were used again. The foreign minister said thermobaric warheads have no place; thermobaric warheads must be banned.", relevant: true),
            PreviewStories.Labeled("miss-3", "Victims of thermobaric warheads remembered", "Survivors of thermobaric warheads met in Geneva. Thermobaric warheads maim; clearing thermobaric warheads takes decades.", relevant: true),
        ];
        var draft = PreviewBaseline.Create(TestRules.Default, [.. missed, .. Trade]);

        var suggestions = TermSuggester.Suggest(draft);

        var catchIt = Assert.Single(suggestions, s => s.Kind == TermSuggestionKind.Catch && s.Phrase == "thermobaric warheads");
        Assert.Equal(("en", 0), (catchIt.Language, catchIt.Elsewhere));
        Assert.Equal(["miss-1", "miss-2", "miss-3"], catchIt.Found);
        Assert.Equal(0, catchIt.Preview.Active.Relevance.TruePositives);
        Assert.Equal(3, catchIt.Preview.Edited.Relevance.TruePositives);
        Assert.Equal(0, catchIt.Preview.Edited.Relevance.FalsePositives);
        Assert.DoesNotContain(suggestions, s => s.Kind == TermSuggestionKind.Exclude);
        Assert.DoesNotContain(suggestions, s => s.Phrase.Split(' ')[0] is "the" or "of" || s.Phrase.Split(' ')[^1] is "the" or "of");
    }

    [Fact]
    public void SuggestsANegativePhraseThatExcludesRejectedStoriesTheRulesStillRaise()
    {
        PreviewStory[] rejected =
        [
            PreviewStories.Labeled("game-1", "Convention on Cluster Munitions board game released", "A board game about diplomacy. The board game sold out; a second board game edition follows.", relevant: false),
            PreviewStories.Labeled("game-2", "Convention on Cluster Munitions board game wins prize", "The board game won a design prize. Fans of the board game praised the board game art.", relevant: false),
        ];
        var draft = PreviewBaseline.Create(TestRules.Default, [.. rejected, .. Trade]);
        Assert.All(draft.Verdicts.Take(2), v => Assert.NotEqual(ClassificationDecision.Drop, v.Decision));

        var suggestions = TermSuggester.Suggest(draft);

        var exclude = Assert.Single(suggestions, s => s.Kind == TermSuggestionKind.Exclude && s.Phrase == "board game");
        Assert.True(exclude.Weight < 0);
        Assert.Equal(2, exclude.Preview.Changes.Count);
        Assert.All(exclude.Preview.Changes, c => Assert.Equal(ClassificationDecision.Drop, c.After.Decision));
        Assert.DoesNotContain(suggestions, s => s.Phrase.Contains("cluster", StringComparison.Ordinal));
    }
}
