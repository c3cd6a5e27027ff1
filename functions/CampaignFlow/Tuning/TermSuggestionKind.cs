namespace CampaignFlow.Tuning;

/// <summary>What a suggested term would do.</summary>
public enum TermSuggestionKind
{
    /// <summary>An anchor term that would catch relevant stories the rules miss.</summary>
    Catch,
    /// <summary>A negative term that would exclude stories staff rejected.</summary>
    Exclude,
}
