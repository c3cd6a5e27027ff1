namespace CampaignFlow.Delivery;

/// <summary>One attribute of a template's HTML (names lower-cased); <see cref="Value"/> null when it has none.</summary>
internal sealed record HtmlAttribute(string Element, string Name, string? Value, bool Quoted, int Line);
