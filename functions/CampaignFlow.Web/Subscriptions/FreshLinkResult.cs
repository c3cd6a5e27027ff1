namespace CampaignFlow.Web.Subscriptions;

/// <summary>How a request for fresh links ended. <see cref="Answered"/> covers every address, on the list or not.</summary>
public enum FreshLinkResult
{
    /// <summary>Links went out if the address is subscribed (or a new confirmation if it is pending); nothing otherwise.</summary>
    Answered,
    /// <summary>Not an address we can mail: the form comes back with the error.</summary>
    InvalidEmail,
    TooManyFromNetwork,
    /// <summary>The rate limit could not be counted (storage down): refused, try again later.</summary>
    Unavailable,
}
