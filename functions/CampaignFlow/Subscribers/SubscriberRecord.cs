using CampaignFlow.Delivery;

namespace CampaignFlow.Subscribers;

/// <summary>Everything held on one person (the <c>export</c> answer to a subject access request).</summary>
public sealed record SubscriberRecord(Subscriber Subscriber, IReadOnlyList<DeliveryRecord> Deliveries);
