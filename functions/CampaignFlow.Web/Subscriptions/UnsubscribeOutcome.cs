namespace CampaignFlow.Web.Subscriptions;

/// <summary>The result of an unsubscribe link and the subscriber's language, when known.</summary>
public sealed record UnsubscribeOutcome(UnsubscribeResult Result, string? Language = null);
