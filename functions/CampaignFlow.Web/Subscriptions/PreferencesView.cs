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

    /// <summary>A genuine link of an address that has unsubscribed since: say so, and offer to subscribe again.</summary>
    public bool Unsubscribed { get; init; }

    /// <summary>Not saved: the name is longer than <see cref="ChoiceApplier.MaxNameLength"/>.</summary>
    public bool NameTooLong { get; init; }

    public bool Valid => Subscriber is not null && !Unsubscribed;
}
