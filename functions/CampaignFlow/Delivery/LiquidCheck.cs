using Fluid;

namespace CampaignFlow.Delivery;

/// <summary>What <see cref="LiquidTemplateCheck"/> found in one template source that Fluid accepted.</summary>
internal sealed record LiquidCheck(IFluidTemplate Template, IReadOnlyList<LiquidUse> Uses, IReadOnlyList<LiquidBlock> Blocks)
{
    /// <summary>True when some output reads <paramref name="variable"/>.</summary>
    public bool Outputs(string variable) => Uses.Any(u => !u.Construct.IsTag && u.Variables.Contains(variable));

    /// <summary>True when some <c>{% for %}</c> goes over <paramref name="collection"/>.</summary>
    public bool LoopsOver(string collection) => Uses.Any(u => u.Construct.TagName == "for" && u.Variables.FirstOrDefault() == collection);
}
