namespace CampaignFlow.Classification;

/// <summary>A named conference or meeting with its place and dates where the text gives them.</summary>
public sealed record ConferenceMention(string Name, string? Place, string? State, string? Dates, int Position);
