namespace CampaignFlow.Delivery;

/// <summary>An <c>{% if %}</c>, <c>{% unless %}</c> or <c>{% for %}</c> with its <c>{% else %}</c>/<c>{% elsif %}</c> and end tag, in order.</summary>
internal sealed record LiquidBlock(IReadOnlyList<LiquidConstruct> Tags);
