using CampaignFlow.Staff;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Web.Staff.Subscribers;

/// <summary>What the subscribers page shows after a GET or one of its forms.</summary>
public sealed record SubscribersView
{
    public SubscriberCounts? Counts { get; init; }
    public IReadOnlyList<StaffAction> Actions { get; init; } = [];
    public string? Address { get; init; }
    public bool Searched { get; init; }
    public SubscriberRecord? Found { get; init; }
    public string? Error { get; init; }
    public string? Notice { get; init; }
    public ImportReport? Import { get; init; }
    public string? ImportFile { get; init; }
    public string? ImportError { get; init; }
}
