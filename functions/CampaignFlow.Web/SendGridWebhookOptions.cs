namespace CampaignFlow.Web;

/// <summary>The SendGrid Event Webhook's settings (section <c>SendGrid</c>, shared with the sender's API settings).</summary>
public sealed class SendGridWebhookOptions
{
    public const string SectionName = "SendGrid";

    /// <summary><c>SendGrid__WebhookVerificationKey</c>: the Event Webhook's ECDSA P-256 public key (base64, as SendGrid shows it).</summary>
    public string? WebhookVerificationKey { get; set; }
}
