namespace CampaignFlow.Delivery;

/// <summary>
/// What the email provider reported about one story's alerts (SendGrid events carry the alert's <c>story_id</c>):
/// each event counted once by its provider id, however often a batch is posted again.
/// </summary>
public interface IStoryEventFigures
{
    /// <summary>Counts one event of <paramref name="kind"/> for the story; a second call with the same event id changes nothing.</summary>
    Task RecordAsync(string storyId, string? eventId, StoryEventKind kind, CancellationToken cancellationToken = default);

    Task<StoryEventCounts> GetAsync(string storyId, CancellationToken cancellationToken = default);
}

/// <summary>The provider events the story trail shows.</summary>
public enum StoryEventKind
{
    Delivered,
    Bounced,
    SpamReport,
    Unsubscribe,
}

/// <summary>Delivered, bounced, spam reports and unsubscribes that name one story.</summary>
public sealed record StoryEventCounts(int Delivered, int Bounced, int SpamReports, int Unsubscribes)
{
    public static StoryEventCounts None { get; } = new(0, 0, 0, 0);

    /// <summary>The kind of a SendGrid event name, or null for events the trail does not count (open, click, deferred …).</summary>
    public static StoryEventKind? KindOf(string? sendGridEvent) => sendGridEvent switch
    {
        "delivered" => StoryEventKind.Delivered,
        "bounce" => StoryEventKind.Bounced,
        "spamreport" => StoryEventKind.SpamReport,
        "unsubscribe" or "group_unsubscribe" => StoryEventKind.Unsubscribe,
        _ => null,
    };
}
