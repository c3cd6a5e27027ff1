using CampaignFlow.Subscribers;

namespace CampaignFlow.Web;

/// <summary>
/// Every text of the subscription pages, one instance per subscriber language (PageText.en.cs, .no.cs, .fr.cs, .es.cs).
/// Plain text: the Razor pages encode it. Each member is required, so a language missing a text does not build.
/// </summary>
public sealed partial record PageText
{
    /// <summary>The page's <c>&lt;html lang&gt;</c>: en, no, fr or es.</summary>
    public required string Language { get; init; }
    /// <summary>After every page title: "Subscribe to news alerts — Cluster Munition Coalition alerts".</summary>
    public required string SiteName { get; init; }

    public required string SubscribeTitle { get; init; }
    public required string ThankYouTitle { get; init; }
    public required string SorryTitle { get; init; }
    public required string CheckInbox { get; init; }
    public required string Unreadable { get; init; }
    public required string TooManyFromNetwork { get; init; }
    public required string InvalidEmail { get; init; }
    public required string AlreadySentToday { get; init; }
    public required string TryAgainLater { get; init; }

    public required string LinkNotValidTitle { get; init; }
    public required string ConfirmLinkNotValid { get; init; }
    public required string ConfirmTitle { get; init; }
    public required string ConfirmButton { get; init; }
    public required string SubscribedTitle { get; init; }
    public required string Subscribed { get; init; }
    public required string ChoosePreferences { get; init; }

    public required string PreferencesTitle { get; init; }
    public required string PreferencesLinkNotValid { get; init; }
    public required string LinkNotValid { get; init; }
    public required string SavedTitle { get; init; }
    public required string Saved { get; init; }

    public required string UnsubscribeTitle { get; init; }
    public required string UnsubscribeQuestion { get; init; }
    public required string UnsubscribeButton { get; init; }
    public required string UnsubscribeLinkNotValid { get; init; }
    public required string UnsubscribeRequestNotValid { get; init; }
    public required string UnsubscribedTitle { get; init; }
    public required string Unsubscribed { get; init; }

    public required string EmailLabel { get; init; }
    public required string NameLabel { get; init; }
    public required string LanguageLabel { get; init; }
    public required string TopicsLegend { get; init; }
    public required string RegionsLegend { get; init; }
    /// <summary>The one line explaining the checkboxes: none ticked means everything.</summary>
    public required string NoneTickedMeansAll { get; init; }
    public required string CadenceLabel { get; init; }
    public required string Instant { get; init; }
    public required string Daily { get; init; }
    public required string HoneypotLabel { get; init; }
    public required string SaveButton { get; init; }
    /// <summary>The sign-up form's button (the preference centre's says <see cref="SaveButton"/>).</summary>
    public required string SubscribeButton { get; init; }
    public required string NameTooLong { get; init; }
    /// <summary>Under the regions: a story about no particular region goes to everyone.</summary>
    public required string NoRegionGoesToEveryone { get; init; }
    public required string AlreadyUnsubscribed { get; init; }
    /// <summary>The link from the unsubscribed pages back to the sign-up form.</summary>
    public required string SubscribeAgain { get; init; }
    /// <summary>A preferences link of an address that has since unsubscribed.</summary>
    public required string PreferencesAfterUnsubscribe { get; init; }

    /// <summary>The fallback behind every broken link: enter an address, get fresh links by mail.</summary>
    public required string FreshLinkTitle { get; init; }
    public required string FreshLinkIntro { get; init; }
    public required string FreshLinkButton { get; init; }
    /// <summary>The one answer to a fresh-link request, whatever the address: it reveals nothing about who is subscribed.</summary>
    public required string FreshLinkSent { get; init; }
    public required string TooManyRequests { get; init; }
    /// <summary>In the preference centre, before the masked address it manages.</summary>
    public required string AlertsSentTo { get; init; }
    public required string UnsubscribeFromAll { get; init; }
    /// <summary>The friendly 404 page.</summary>
    public required string NotFoundTitle { get; init; }
    public required string NotFound { get; init; }

    /// <summary>The texts of a subscriber language (aliases such as nb accepted); English for anything else.</summary>
    public static PageText For(string? language) => Languages.Normalize(language) switch
    {
        "no" => Norwegian,
        "fr" => French,
        "es" => Spanish,
        _ => English,
    };
}
