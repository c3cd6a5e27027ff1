namespace CampaignFlow.Classification;

/// <summary>How raw weights become a 0–1 score and a decision.</summary>
public sealed record ScoringSettings
{
    /// <summary>Raw weight at which the score is 0.5: score = raw / (raw + scale).</summary>
    public double Scale { get; init; } = 4.0;
    /// <summary>A story at or above this score is relevant.</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>Scores in [ReviewLow, ReviewHigh) are held for a person.</summary>
    public double ReviewLow { get; init; } = 0.42;
    public double ReviewHigh { get; init; } = 0.58;
    /// <summary>Added once when an anchor appears in the headline.</summary>
    public double TitleBonus { get; init; } = 1.0;
    /// <summary>Each repeat of a term adds this fraction of its weight, up to MaxRepeats occurrences.</summary>
    public double RepeatFactor { get; init; } = 0.5;
    public int MaxRepeats { get; init; } = 4;
    /// <summary>A topic term in the headline weighs this many times its weight.</summary>
    public double TopicTitleFactor { get; init; } = 2.0;
    /// <summary>
    /// When an anchor fired, this fraction of the summed topic scores (capped by <see cref="TopicSupportCap"/>)
    /// is added to relevance: a story written in the vocabulary of clearance, victims or treaty status that
    /// names the weapon is about it, even with one mention.
    /// </summary>
    public double TopicSupportFactor { get; init; } = 0.1;
    public double TopicSupportCap { get; init; } = 1.5;
    /// <summary>
    /// A topic is assigned only if its score is at least this fraction of the strongest topic's score:
    /// labels name what a story is mainly about, not every obligation it lists in passing.
    /// </summary>
    public double TopicRelativeCutoff { get; init; } = 0.5;
    /// <summary>
    /// Topics that let the home state (Norway) count as a region when it is named in the headline:
    /// its own national measures.
    /// </summary>
    public IReadOnlyList<string> HomeTopics { get; init; } = ["national-measures", "stockpile-destruction"];
    /// <summary>
    /// Topics that let the home state count as a region only when it is named in the headline, where it is the
    /// state acting ("Norway ratifies the convention"), not one named in passing in the lead.
    /// </summary>
    public IReadOnlyList<string> HomeHeadlineTopics { get; init; } = [];
    /// <summary>
    /// A meeting's host counts as a region only when the story is about the meeting: one of these topics
    /// reaches its threshold (whether or not the story is relevant).
    /// </summary>
    public IReadOnlyList<string> HostTopics { get; init; } = ["diplomatic-conference"];
}
