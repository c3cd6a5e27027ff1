namespace CampaignFlow.Web;

public sealed partial record PageText
{
    public static PageText English { get; } = new()
    {
        Language = "en",
        SiteName = "Cluster Munition Coalition alerts",

        SubscribeTitle = "Subscribe to news alerts",
        ThankYouTitle = "Thank you",
        SorryTitle = "Sorry",
        CheckInbox = "Thank you. Please check your inbox to confirm.",
        Unreadable = "The request could not be read.",
        TooManyFromNetwork = "Too many sign-ups from your network. Please try again later.",
        InvalidEmail = "Please enter a valid email address, such as name@example.org.",
        AlreadySentToday = "We already sent confirmation messages to this address today. Please check your inbox.",
        TryAgainLater = "The service is busy. Please try again in a few minutes.",

        LinkNotValidTitle = "Link not valid",
        ConfirmLinkNotValid = "This confirmation link is not valid or has expired. Please sign up again.",
        ConfirmTitle = "Confirm your subscription",
        ConfirmButton = "Confirm",
        SubscribedTitle = "Subscribed",
        Subscribed = "Thank you: your alerts are on. A welcome message with the link to your preferences is on its way.",
        ChoosePreferences = "Choose topics, regions, language or cadence",

        PreferencesTitle = "Your alert preferences",
        PreferencesLinkNotValid = "This link is not valid or has expired. The preferences link in any recent alert works.",
        LinkNotValid = "This link is not valid or has expired.",
        SavedTitle = "Saved",
        Saved = "Your preferences are saved.",

        UnsubscribeTitle = "Unsubscribe",
        UnsubscribeQuestion = "Stop all Cluster Munition Coalition news alerts to this address?",
        UnsubscribeButton = "Unsubscribe",
        UnsubscribeLinkNotValid = "This unsubscribe link is not valid.",
        UnsubscribeRequestNotValid = "This unsubscribe request is not valid.",
        UnsubscribedTitle = "Unsubscribed",
        Unsubscribed = "You will receive no more alerts. Thank you for your support.",

        EmailLabel = "Email address",
        NameLabel = "Name (optional, up to 100 characters)",
        LanguageLabel = "Language",
        TopicsLegend = "Topics",
        RegionsLegend = "Regions",
        NoneTickedMeansAll = "Tick the topics and regions you want; with none ticked you get everything.",
        CadenceLabel = "How often",
        Instant = "Each story as it comes",
        Daily = "A daily digest",
        HoneypotLabel = "Leave this empty",
        NameTooLong = "Please shorten your name to 100 characters or fewer.",
        NoRegionGoesToEveryone = "Stories about no particular region go to everyone, whatever regions you tick.",
        AlreadyUnsubscribed = "This address is already unsubscribed: you will receive no more alerts.",
        SubscribeAgain = "Unsubscribed by mistake? Subscribe again",
        PreferencesAfterUnsubscribe = "This address is unsubscribed, so there are no preferences to change.",
        SaveButton = "Save",
        SubscribeButton = "Subscribe",
        FreshLinkTitle = "Get a fresh link",
        FreshLinkIntro = "Enter your address and we will send you a fresh link.",
        FreshLinkButton = "Send me a fresh link",
        FreshLinkSent = "If this address is on our list, a message with fresh links is on its way. Please check your inbox.",
        TooManyRequests = "Too many requests from your network. Please try again later.",
        AlertsSentTo = "Alerts sent to",
        UnsubscribeFromAll = "Unsubscribe from all alerts",
        NotFoundTitle = "Page not found",
        NotFound = "There is no page at this address. Perhaps the link was cut short.",
    };
}
