namespace CampaignFlow.Delivery;

/// <summary>SendGrid API access (setting section <c>SendGrid</c>; the key comes from Key Vault in Azure).</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>Overrides the API host; tests point it at a loopback SendGrid-compatible endpoint.</summary>
    public string? Host { get; set; }

    /// <summary><c>SendGrid__WebhookVerificationKey</c>: the Event Webhook's ECDSA P-256 public key (base64, as SendGrid shows it).</summary>
    public string? WebhookVerificationKey { get; set; }

    /// <summary><c>SendGrid__Timeout</c>: a request without an answer by then is a transient failure (retried by the queue).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
