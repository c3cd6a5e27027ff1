namespace CampaignFlow.Web;

public sealed partial record PageText
{
    public static PageText French { get; } = new()
    {
        Language = "fr",
        SiteName = "Alertes de la Cluster Munition Coalition",

        SubscribeTitle = "S’abonner aux alertes d’actualité",
        ThankYouTitle = "Merci",
        SorryTitle = "Toutes nos excuses",
        CheckInbox = "Merci. Consultez votre boîte de réception pour confirmer.",
        Unreadable = "La demande n’a pas pu être lue.",
        TooManyFromNetwork = "Trop d’inscriptions depuis votre réseau. Veuillez réessayer plus tard.",
        InvalidEmail = "Veuillez saisir une adresse e-mail valide, par exemple nom@example.org.",
        AlreadySentToday = "Nous avons déjà envoyé des messages de confirmation à cette adresse aujourd’hui. Consultez votre boîte de réception.",
        TryAgainLater = "Le service est momentanément indisponible. Veuillez réessayer dans quelques minutes.",

        LinkNotValidTitle = "Lien non valide",
        ConfirmLinkNotValid = "Ce lien de confirmation n’est pas valide ou a expiré. Veuillez vous inscrire à nouveau.",
        ConfirmTitle = "Confirmez votre abonnement",
        ConfirmButton = "Confirmer",
        SubscribedTitle = "Abonnement confirmé",
        Subscribed = "Merci : vos alertes sont activées. Un message de bienvenue avec le lien vers vos préférences est en route.",
        ChoosePreferences = "Choisir les thèmes, les régions, la langue ou la fréquence",

        PreferencesTitle = "Vos préférences d’alerte",
        PreferencesLinkNotValid = "Ce lien n’est pas valide ou a expiré. Le lien « préférences » de n’importe quelle alerte récente fonctionne.",
        LinkNotValid = "Ce lien n’est pas valide ou a expiré.",
        SavedTitle = "Enregistré",
        Saved = "Vos préférences sont enregistrées.",

        UnsubscribeTitle = "Se désabonner",
        UnsubscribeQuestion = "Arrêter toutes les alertes d’actualité de la Cluster Munition Coalition envoyées à cette adresse ?",
        UnsubscribeButton = "Me désabonner",
        UnsubscribeLinkNotValid = "Ce lien de désabonnement n’est pas valide.",
        UnsubscribeRequestNotValid = "Cette demande de désabonnement n’est pas valide.",
        UnsubscribedTitle = "Désabonnement effectué",
        Unsubscribed = "Vous ne recevrez plus d’alertes. Merci de votre soutien.",

        EmailLabel = "Adresse e-mail",
        NameLabel = "Nom (facultatif, 100 caractères au plus)",
        LanguageLabel = "Langue",
        TopicsLegend = "Thèmes",
        RegionsLegend = "Régions",
        NoneTickedMeansAll = "Cochez les thèmes et les régions qui vous intéressent ; si vous ne cochez rien, vous recevez tout.",
        CadenceLabel = "Fréquence",
        Instant = "Chaque article dès sa parution",
        Daily = "Un résumé quotidien",
        HoneypotLabel = "Laissez ce champ vide",
        NameTooLong = "Veuillez raccourcir votre nom à 100 caractères au plus.",
        NoRegionGoesToEveryone = "Les articles qui ne concernent aucune région en particulier sont envoyés à tous, quelles que soient les régions cochées.",
        AlreadyUnsubscribed = "Cette adresse est déjà désabonnée : vous ne recevrez plus d’alertes.",
        SubscribeAgain = "Désabonné par erreur ? Réabonnez-vous",
        PreferencesAfterUnsubscribe = "Cette adresse est désabonnée : il n’y a donc plus de préférences à modifier.",
        SaveButton = "Enregistrer",
        SubscribeButton = "S’abonner",
        FreshLinkTitle = "Recevoir un nouveau lien",
        FreshLinkIntro = "Saisissez votre adresse et nous vous enverrons un nouveau lien.",
        FreshLinkButton = "M’envoyer un nouveau lien",
        FreshLinkSent = "Si cette adresse figure sur notre liste, un message avec de nouveaux liens est en route. Consultez votre boîte de réception.",
        TooManyRequests = "Trop de demandes depuis votre réseau. Veuillez réessayer plus tard.",
        AlertsSentTo = "Alertes envoyées à",
        UnsubscribeFromAll = "Se désabonner de toutes les alertes",
        NotFoundTitle = "Page introuvable",
        NotFound = "Aucune page ne se trouve à cette adresse. Le lien a peut-être été tronqué.",
    };
}
