namespace CampaignFlow.Web.Staff.Stories;

/// <summary>The landing page's filters, from its query string (all optional).</summary>
public sealed record StoryFilter(string? Feed, string? State, string? Language, string? Text)
{
    public static StoryFilter From(Func<string, string?> query) =>
        new(Blank(query("feed")), Blank(query("verdict")), Blank(query("lang")), Blank(query("q")));

    public bool Matches(StoryRow row) =>
        (Feed is null || row.Entry.Story.Feed == Feed)
        && (State is null || row.State == State)
        && (Language is null || string.Equals(row.Entry.Story.Language, Language, StringComparison.OrdinalIgnoreCase))
        && (Text is null || row.Entry.Story.Title.Contains(Text, StringComparison.OrdinalIgnoreCase) || row.Entry.Story.Summary.Contains(Text, StringComparison.OrdinalIgnoreCase));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 200)];
}
