namespace CampaignFlow.Subscribers;

/// <summary>Counts over the whole list, for <c>subscribers stats</c>. No personal data.</summary>
public sealed record SubscriberStats(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByCadence, IReadOnlyDictionary<string, int> ByLanguage);
