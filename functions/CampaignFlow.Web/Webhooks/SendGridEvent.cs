using System.Text.Json.Serialization;

namespace CampaignFlow.Web.Webhooks;

/// <summary>One event of SendGrid's Event Webhook (only the fields we use).</summary>
public sealed record SendGridEvent(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("sg_event_id")] string? EventId = null);
