namespace CampaignFlow.Web.Webhooks;

/// <summary>How the provider's webhook call ended; each refusal is a 4xx, so the provider does not retry garbage forever.</summary>
public enum WebhookResult
{
    Accepted,
    /// <summary>Signature or timestamp missing, malformed, stale or not ours: 401.</summary>
    Unauthorized,
    /// <summary>Signed, but not a JSON array of events: 400.</summary>
    Unreadable,
    /// <summary>Over <see cref="SendGridWebhookOptions.WebhookMaxBytes"/>: 413, refused unread.</summary>
    TooLarge,
}
