using System.Text.Json.Serialization;

namespace CampaignFlow.Web;

/// <summary>One event of SendGrid's Event Webhook (only the fields we use).</summary>
public sealed record SendGridEvent(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("timestamp")] long? Timestamp);
