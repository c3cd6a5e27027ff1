namespace CampaignFlow.Subscribers;

/// <summary>Where a subscriber stands. Only active subscribers receive mail.</summary>
public enum SubscriberStatus
{
    Pending,
    Active,
    Unsubscribed,
    Suppressed,
}
