namespace CampaignFlow.Feeds;

/// <summary>What an article page gave: its main text (null when not readable) and the links of its other-language versions.</summary>
public sealed record ArticlePage(string? Text, IReadOnlyList<string> Alternates);
