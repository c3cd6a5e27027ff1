namespace CampaignFlow.Tuning;

/// <summary>Where a previewed story comes from.</summary>
public enum PreviewSource
{
    /// <summary>The latest stories from the feeds.</summary>
    Recent,
    /// <summary>The labeled corpus: the project's stories and staff decisions.</summary>
    Labeled,
}
