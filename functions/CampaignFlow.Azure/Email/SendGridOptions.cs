namespace CampaignFlow.Azure.Email;

/// <summary>SendGrid API access (the webhook's key is <c>SendGridWebhookOptions</c> in CampaignFlow.Web) (setting section <c>SendGrid</c>; the key comes from Key Vault in Azure).</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>Overrides the API host; tests point it at a loopback SendGrid-compatible endpoint.</summary>
    public string? Host { get; set; }

    /// <summary><c>SendGrid__Timeout</c>: a request without an answer by then is a transient failure (retried by the queue).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
