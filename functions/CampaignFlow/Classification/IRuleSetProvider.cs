namespace CampaignFlow.Classification;

/// <summary>Supplies the active compiled rule set; implementations may swap it at any time.</summary>
public interface IRuleSetProvider
{
    CompiledRuleSet Current { get; }
}
