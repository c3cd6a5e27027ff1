namespace CampaignFlow.Web.Staff.Subscribers;

/// <summary>The list in numbers, never in addresses: per status, and for active subscribers per topic, region, language and cadence.</summary>
public sealed record SubscriberCounts(
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByTopic,
    IReadOnlyDictionary<string, int> ByRegion,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyDictionary<string, int> ByCadence);
