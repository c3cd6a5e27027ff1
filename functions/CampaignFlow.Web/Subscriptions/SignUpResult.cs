namespace CampaignFlow.Web.Subscriptions;

/// <summary>How a sign-up ended. Every accepted case answers alike, so the answer never tells who is subscribed.</summary>
public enum SignUpResult
{
    /// <summary>A confirmation mail went out, or (honeypot, suppressed address) nothing did but the visitor is told the same.</summary>
    Accepted,
    InvalidEmail,
    TooManyFromNetwork,
    TooManyForAddress,
    /// <summary>The rate limit could not be counted (storage down): refused, try again later.</summary>
    Unavailable,
}
