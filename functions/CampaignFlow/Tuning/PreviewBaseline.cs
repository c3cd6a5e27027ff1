using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// The active rules' verdicts on the stories a preview compares against, computed once per active version and story
/// set, so each edit costs one classification of the stories with the edited rules.
/// </summary>
public sealed class PreviewBaseline
{
    private PreviewBaseline(CompiledRuleSet rules, IReadOnlyList<PreviewStory> stories, StoryVerdict[] verdicts)
    {
        Rules = rules;
        Stories = stories;
        Verdicts = verdicts;
        Scores = RulePreview.Score(rules.Version, stories, verdicts);
    }

    public CompiledRuleSet Rules { get; }

    public IReadOnlyList<PreviewStory> Stories { get; }

    /// <summary>The active rules' verdict on each story, in the order of <see cref="Stories"/>.</summary>
    public IReadOnlyList<StoryVerdict> Verdicts { get; }

    public RuleScores Scores { get; }

    public int Recent => Stories.Count(s => s.Source == PreviewSource.Recent);

    public int Labeled => Stories.Count(s => s.Label is not null);

    public static PreviewBaseline Create(CompiledRuleSet active, IReadOnlyList<PreviewStory> stories) =>
        new(active, stories, RulePreview.ClassifyAll(active, stories));
}
