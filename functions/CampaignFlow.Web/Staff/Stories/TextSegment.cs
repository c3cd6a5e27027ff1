namespace CampaignFlow.Web.Staff.Stories;

/// <summary>A run of story text, marked when it is matched evidence (<see cref="Negative"/> for negative terms).</summary>
public sealed record TextSegment(string Text, bool Marked, bool Negative = false, string? Note = null);
