namespace CampaignFlow.Classification;

/// <summary>Supplies the active compiled rule set; implementations may swap it at any time.</summary>
public interface IRuleSetProvider
{
    CompiledRuleSet Current { get; }

    /// <summary>Completes once <see cref="Current"/> is the set staff published (or the default when there is none).</summary>
    ValueTask ReadyAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
