namespace CampaignFlow.Delivery;

/// <summary>What <see cref="HtmlTemplateScanner"/> found: every attribute, and the lines an element opens on and closes on another.</summary>
internal sealed record HtmlScan(IReadOnlyList<HtmlAttribute> Attributes, IReadOnlySet<int> SpanningLines);
