namespace CampaignFlow.Web;

public sealed partial record PageText
{
    /// <summary>Norwegian (bokmål).</summary>
    public static PageText Norwegian { get; } = new()
    {
        Language = "no",
        SiteName = "Nyhetsvarsler fra Cluster Munition Coalition",

        SubscribeTitle = "Abonner på nyhetsvarsler",
        ThankYouTitle = "Takk",
        SorryTitle = "Beklager",
        CheckInbox = "Takk. Sjekk innboksen din for å bekrefte.",
        Unreadable = "Forespørselen kunne ikke leses.",
        TooManyFromNetwork = "For mange påmeldinger fra nettverket ditt. Prøv igjen senere.",
        InvalidEmail = "Skriv inn en gyldig e-postadresse, for eksempel navn@example.org.",
        AlreadySentToday = "Vi har allerede sendt bekreftelser til denne adressen i dag. Sjekk innboksen din.",
        TryAgainLater = "Tjenesten er opptatt. Prøv igjen om noen minutter.",

        LinkNotValidTitle = "Ugyldig lenke",
        ConfirmLinkNotValid = "Denne bekreftelseslenken er ugyldig eller utløpt. Meld deg på på nytt.",
        ConfirmTitle = "Bekreft abonnementet ditt",
        ConfirmButton = "Bekreft",
        SubscribedTitle = "Du er påmeldt",
        Subscribed = "Takk: varslene dine er slått på. En velkomst-e-post med lenken til innstillingene dine er på vei.",
        ChoosePreferences = "Velg emner, regioner, språk eller hyppighet",

        PreferencesTitle = "Innstillinger for varslene dine",
        PreferencesLinkNotValid = "Denne lenken er ugyldig eller utløpt. Innstillingslenken i et hvilket som helst nylig varsel virker.",
        LinkNotValid = "Denne lenken er ugyldig eller utløpt.",
        SavedTitle = "Lagret",
        Saved = "Innstillingene dine er lagret.",

        UnsubscribeTitle = "Meld deg av",
        UnsubscribeQuestion = "Vil du stoppe alle nyhetsvarsler fra Cluster Munition Coalition til denne adressen?",
        UnsubscribeButton = "Meld meg av",
        UnsubscribeLinkNotValid = "Denne avmeldingslenken er ugyldig.",
        UnsubscribeRequestNotValid = "Denne avmeldingsforespørselen er ugyldig.",
        UnsubscribedTitle = "Du er avmeldt",
        Unsubscribed = "Du får ikke flere varsler. Takk for støtten.",

        EmailLabel = "E-postadresse",
        NameLabel = "Navn (valgfritt, høyst 100 tegn)",
        LanguageLabel = "Språk",
        TopicsLegend = "Emner",
        RegionsLegend = "Regioner",
        NoneTickedMeansAll = "Kryss av for emnene og regionene du vil ha; krysser du ikke av for noen, får du alt.",
        CadenceLabel = "Hvor ofte",
        Instant = "Hver sak når den kommer",
        Daily = "Et daglig sammendrag",
        HoneypotLabel = "La dette feltet stå tomt",
        NameTooLong = "Kort ned navnet til høyst 100 tegn.",
        NoRegionGoesToEveryone = "Saker som ikke gjelder en bestemt region, går til alle, uansett hvilke regioner du krysser av for.",
        AlreadyUnsubscribed = "Denne adressen er allerede avmeldt: du får ikke flere varsler.",
        SubscribeAgain = "Meldte du deg av ved en feil? Meld deg på igjen",
        PreferencesAfterUnsubscribe = "Denne adressen er avmeldt, så det er ingen innstillinger å endre.",
        SaveButton = "Lagre",
        SubscribeButton = "Abonner",
        FreshLinkTitle = "Få en ny lenke",
        FreshLinkIntro = "Skriv inn adressen din, så sender vi deg en ny lenke.",
        FreshLinkButton = "Send meg en ny lenke",
        FreshLinkSent = "Står adressen på listen vår, er en e-post med nye lenker på vei. Sjekk innboksen din.",
        TooManyRequests = "For mange forespørsler fra nettverket ditt. Prøv igjen senere.",
        AlertsSentTo = "Varsler sendes til",
        UnsubscribeFromAll = "Meld deg av alle varsler",
        NotFoundTitle = "Fant ikke siden",
        NotFound = "Det finnes ingen side på denne adressen. Kanskje lenken ble kuttet.",
    };
}
