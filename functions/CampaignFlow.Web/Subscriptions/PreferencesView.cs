using CampaignFlow.Classification;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// The preference centre of the subscriber a valid link names, with what they can choose from; null members when the
/// link is not valid. After a save, <see cref="Saved"/> is true and <see cref="Subscriber"/> holds what was stored.
/// </summary>
public sealed record PreferencesView(Subscriber? Subscriber, RuleSetTaxonomy? Taxonomy, bool Saved = false)
{
    public static PreferencesView Invalid { get; } = new(null, null);

    public bool Valid => Subscriber is not null;
}
