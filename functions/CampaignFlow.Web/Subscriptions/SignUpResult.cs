namespace CampaignFlow.Web.Subscriptions;

/// <summary>How a sign-up ended. Every accepted case answers alike, so the answer never tells who is subscribed.</summary>
public enum SignUpResult
{
    /// <summary>A confirmation mail went out, or (honeypot, suppressed address) nothing did but the visitor is told the same.</summary>
    Accepted,
    /// <summary>Not an address we can mail: malformed, or a domain without a dot (user@localhost).</summary>
    InvalidEmail,
    /// <summary>A name longer than <see cref="ChoiceApplier.MaxNameLength"/>: refused, not cut.</summary>
    NameTooLong,
    TooManyFromNetwork,
    TooManyForAddress,
    /// <summary>The rate limit could not be counted (storage down): refused, try again later.</summary>
    Unavailable,
}
