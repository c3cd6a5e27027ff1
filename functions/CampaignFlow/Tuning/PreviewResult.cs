namespace CampaignFlow.Tuning;

/// <summary>
/// What an edit would do: the stories whose decision changes ("+<see cref="NowAlert"/> would now alert,
/// −<see cref="WouldStop"/> would stop"), and the edited rules' scores next to the active version's.
/// </summary>
public sealed record PreviewResult(
    int RecentStories,
    int LabeledStories,
    IReadOnlyList<PreviewChange> Changes,
    RuleScores Active,
    RuleScores Edited)
{
    public int NowAlert => Changes.Count(c => c.NowAlerts);

    public int WouldStop => Changes.Count(c => c.StopsAlerting);
}
