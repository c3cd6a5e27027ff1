using System.Text.Json.Serialization;

namespace CampaignFlow.Web.Webhooks;

/// <summary>One event of SendGrid's Event Webhook (only the fields we use); an alert's custom args (<c>story_id</c>) come back as top-level fields.</summary>
public sealed record SendGridEvent(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("sg_event_id")] string? EventId = null,
    [property: JsonPropertyName("story_id")] string? StoryId = null);
