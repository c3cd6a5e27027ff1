namespace CampaignFlow.Web.Staff.Stories;

/// <summary>What the landing page shows: the rows, the filter as given, and the choices for its selects.</summary>
public sealed record RecentStoriesView(IReadOnlyList<StoryRow> Rows, StoryFilter Filter, IReadOnlyList<string> Feeds, IReadOnlyList<string> Languages, int Total);
