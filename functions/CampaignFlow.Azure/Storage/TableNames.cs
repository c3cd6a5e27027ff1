namespace CampaignFlow.Azure.Storage;

/// <summary>The Table Storage tables the pipeline keeps its state in.</summary>
public static class TableNames
{
    public const string Stories = "stories";
    public const string FeedState = "feedstate";
    public const string Subscribers = "subscribers";
    public const string Deliveries = "deliveries";
    public const string RateLimits = "ratelimits";
    /// <summary>Provider (SendGrid) event ids already counted, so a replayed webhook batch counts once.</summary>
    public const string ProviderEvents = "providerevents";
    /// <summary>The staff console's own rows: the record of staff actions and the local one-time sign-in codes.</summary>
    public const string Staff = "staff";

    public static IReadOnlyList<string> All { get; } = [Stories, FeedState, Subscribers, Deliveries, RateLimits, ProviderEvents, Staff];
}
