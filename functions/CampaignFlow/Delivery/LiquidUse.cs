namespace CampaignFlow.Delivery;

/// <summary>
/// One construct of a template as the checks understood it: the variables it reads (loop variables resolved:
/// <c>stories[].link</c>), and, when it outputs one variable with no filter, that variable — the only form a link may take.
/// </summary>
internal sealed record LiquidUse(LiquidConstruct Construct, IReadOnlyList<string> Variables, string? BareVariable);
