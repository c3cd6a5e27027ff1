using CampaignFlow.Classification;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// Puts submitted choices on a subscriber: topics and regions only among what the active rule set assigns (in its
/// order, so a comma list, checkboxes and JSON store the same list), unknown ids dropped and counted in the log.
/// </summary>
public sealed class ChoiceApplier(IRuleSetProvider rules, ILogger<ChoiceApplier> logger)
{
    public const int MaxNameLength = 100;

    /// <summary>The topics and regions subscribers can choose now, with their labels.</summary>
    public async Task<RuleSetTaxonomy> TaxonomyAsync(CancellationToken cancellationToken = default)
    {
        await rules.ReadyAsync(cancellationToken);
        return rules.Current.Taxonomy;
    }

    public async Task<Subscriber> ApplyAsync(SubmittedChoices choices, Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        await rules.ReadyAsync(cancellationToken);
        var ruleSet = rules.Current;
        var dropped = 0;
        IReadOnlyList<string> Chosen(IReadOnlyList<string> sent, IReadOnlyList<string> known)
        {
            var ids = sent.Where(v => v.Length <= 64).Select(v => v.ToLowerInvariant()).Distinct().ToList();
            dropped += ids.Count(v => !known.Contains(v));
            return [.. known.Where(ids.Contains)];
        }
        var name = choices.Name?.Trim();
        var updated = subscriber with
        {
            // An empty name field removes the name; no name field leaves it as it was.
            Name = name is null ? subscriber.Name : name.Length == 0 ? null : name[..Math.Min(name.Length, MaxNameLength)],
            Language = choices.Language is null ? subscriber.Language : Languages.Normalize(choices.Language),
            Topics = choices.Topics is null ? subscriber.Topics : Chosen(choices.Topics, ruleSet.Taxonomy.Topics),
            Regions = choices.Regions is null ? subscriber.Regions : Chosen(choices.Regions, ruleSet.Taxonomy.Regions),
            Cadence = choices.Cadence is null ? subscriber.Cadence
                : choices.Cadence.StartsWith("daily", StringComparison.OrdinalIgnoreCase) ? Cadence.DailyDigest : Cadence.Instant,
        };
        if (dropped > 0)
        {
            logger.LogInformation("Dropped {Count} topic or region ids that rule set {RuleSetVersion} does not assign for {SubscriberId}", dropped, ruleSet.Version, subscriber.Id);
        }
        return updated;
    }
}
