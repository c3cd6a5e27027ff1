namespace CampaignFlow.Tests.Support;

/// <summary>One item of a feed fixture in the shape of regjeringen.no's RSS 2.0 feeds.</summary>
public sealed record FixtureItem(string PageId, string Title, DateTimeOffset Published)
{
    public string Language { get; init; } = "en";
    public string Creator { get; init; } = "Ministry of Foreign Affairs";
    public string? Summary { get; init; }
    public string? Slug { get; init; }
    /// <summary>Where the article lives; regjeringen.no by default, a loopback server in full-text tests.</summary>
    public string Site { get; init; } = "https://www.regjeringen.no";
    public string? LinkOverride { get; init; }

    public string Link => LinkOverride ?? $"{Site}/{Language}/aktuelt/{Slug ?? "story-" + PageId}/id{PageId}/";
}
