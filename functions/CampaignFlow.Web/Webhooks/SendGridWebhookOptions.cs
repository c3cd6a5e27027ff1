using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Web.Webhooks;

/// <summary>The SendGrid Event Webhook's settings (section <c>SendGrid</c>, shared with the sender's API settings).</summary>
public sealed class SendGridWebhookOptions
{
    public const string SectionName = "SendGrid";

    /// <summary><c>SendGrid__WebhookVerificationKey</c>: the Event Webhook's ECDSA P-256 public key (base64, as SendGrid shows it).</summary>
    public string? WebhookVerificationKey { get; set; }

    /// <summary>
    /// <c>SendGrid__WebhookMaxBytes</c>: larger bodies are refused (413) before they are read, since they are not yet
    /// authenticated. SendGrid posts batches of at most a few hundred kilobytes.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int WebhookMaxBytes { get; set; } = 1024 * 1024;
}
