namespace CampaignFlow.Classification;

/// <summary>
/// A story on which the classifier differs from its labels: a wrong verdict, topics assigned but not labeled
/// (<see cref="ExtraTopics"/>) or labeled but missed (<see cref="MissingTopics"/>), and the same for regions.
/// </summary>
public sealed record LabelError(
    string Id,
    string Lang,
    string Title,
    bool LabeledRelevant,
    bool PredictedRelevant,
    IReadOnlyList<string> ExtraTopics,
    IReadOnlyList<string> MissingTopics,
    IReadOnlyList<string> ExtraRegions,
    IReadOnlyList<string> MissingRegions);
