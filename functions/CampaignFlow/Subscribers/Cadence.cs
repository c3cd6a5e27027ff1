namespace CampaignFlow.Subscribers;

/// <summary>How often a subscriber hears from us.</summary>
public enum Cadence
{
    Instant,
    DailyDigest,
}
