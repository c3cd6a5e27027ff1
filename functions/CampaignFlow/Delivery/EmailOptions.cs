using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Delivery;

/// <summary>Sender identity, public links and where mail goes (setting section <c>Email</c>).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "alerts@example.org";

    [Required]
    public string FromName { get; set; } = "Cluster Munition Coalition alerts";

    /// <summary>Base URL of the HTTP endpoints (unsubscribe, preferences) as subscribers reach them.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary><c>SendGrid</c> in Azure; <c>Outbox</c> writes .eml and .html files to <see cref="OutboxDirectory"/>.</summary>
    [Required, RegularExpression("^(SendGrid|Outbox)$", ErrorMessage = "Email__Sink must be SendGrid or Outbox")]
    public string Sink { get; set; } = "SendGrid";

    public string? OutboxDirectory { get; set; }
}
