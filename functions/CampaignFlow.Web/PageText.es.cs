namespace CampaignFlow.Web;

public sealed partial record PageText
{
    public static PageText Spanish { get; } = new()
    {
        Language = "es",
        SiteName = "Alertas de la Cluster Munition Coalition",

        SubscribeTitle = "Suscribirse a las alertas de noticias",
        ThankYouTitle = "Gracias",
        SorryTitle = "Lo sentimos",
        CheckInbox = "Gracias. Revise su bandeja de entrada para confirmar.",
        Unreadable = "No se pudo leer la solicitud.",
        TooManyFromNetwork = "Demasiadas suscripciones desde su red. Inténtelo de nuevo más tarde.",
        InvalidEmail = "Introduzca una dirección de correo electrónico válida, por ejemplo nombre@example.org.",
        AlreadySentToday = "Hoy ya enviamos mensajes de confirmación a esta dirección. Revise su bandeja de entrada.",
        TryAgainLater = "El servicio no está disponible en este momento. Vuelva a intentarlo dentro de unos minutos.",

        LinkNotValidTitle = "Enlace no válido",
        ConfirmLinkNotValid = "Este enlace de confirmación no es válido o ha caducado. Vuelva a suscribirse.",
        ConfirmTitle = "Confirme su suscripción",
        ConfirmButton = "Confirmar",
        SubscribedTitle = "Suscripción confirmada",
        Subscribed = "Gracias: sus alertas están activadas. Le hemos enviado un mensaje de bienvenida con el enlace a sus preferencias.",
        ChoosePreferences = "Elegir temas, regiones, idioma o frecuencia",

        PreferencesTitle = "Sus preferencias de alertas",
        PreferencesLinkNotValid = "Este enlace no es válido o ha caducado. El enlace de preferencias de cualquier alerta reciente funciona.",
        LinkNotValid = "Este enlace no es válido o ha caducado.",
        SavedTitle = "Guardado",
        Saved = "Sus preferencias se han guardado.",

        UnsubscribeTitle = "Darse de baja",
        UnsubscribeQuestion = "¿Dejar de recibir en esta dirección todas las alertas de noticias de la Cluster Munition Coalition?",
        UnsubscribeButton = "Darme de baja",
        UnsubscribeLinkNotValid = "Este enlace para darse de baja no es válido.",
        UnsubscribeRequestNotValid = "Esta solicitud de baja no es válida.",
        UnsubscribedTitle = "Baja confirmada",
        Unsubscribed = "No recibirá más alertas. Gracias por su apoyo.",

        EmailLabel = "Dirección de correo electrónico",
        NameLabel = "Nombre (opcional, hasta 100 caracteres)",
        LanguageLabel = "Idioma",
        TopicsLegend = "Temas",
        RegionsLegend = "Regiones",
        NoneTickedMeansAll = "Marque los temas y las regiones que le interesen; si no marca ninguno, recibirá todo.",
        CadenceLabel = "Frecuencia",
        Instant = "Cada noticia en cuanto se publica",
        Daily = "Un resumen diario",
        HoneypotLabel = "Deje este campo vacío",
        NameTooLong = "Acorte su nombre a 100 caracteres como máximo.",
        NoRegionGoesToEveryone = "Las noticias que no tratan de ninguna región en concreto se envían a todos, sean cuales sean las regiones marcadas.",
        AlreadyUnsubscribed = "Esta dirección ya está dada de baja: no recibirá más alertas.",
        SubscribeAgain = "¿Se dio de baja por error? Vuelva a suscribirse",
        PreferencesAfterUnsubscribe = "Esta dirección está dada de baja, así que no hay preferencias que cambiar.",
        SaveButton = "Guardar",
        SubscribeButton = "Suscribirse",
        FreshLinkTitle = "Recibir un enlace nuevo",
        FreshLinkIntro = "Escriba su dirección y le enviaremos un enlace nuevo.",
        FreshLinkButton = "Enviarme un enlace nuevo",
        FreshLinkSent = "Si esta dirección está en nuestra lista, le llegará un mensaje con enlaces nuevos. Revise su bandeja de entrada.",
        TooManyRequests = "Demasiadas solicitudes desde su red. Inténtelo de nuevo más tarde.",
        AlertsSentTo = "Alertas enviadas a",
        UnsubscribeFromAll = "Darse de baja de todas las alertas",
        NotFoundTitle = "Página no encontrada",
        NotFound = "No hay ninguna página en esta dirección. Quizá el enlace se cortó.",
    };
}
