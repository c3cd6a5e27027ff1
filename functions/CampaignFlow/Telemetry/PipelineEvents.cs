namespace CampaignFlow.Telemetry;

/// <summary>Names of the custom events every stage emits (App Insights custom events; console locally).</summary>
public static class PipelineEvents
{
    public const string FeedPolled = "feed.polled";
    public const string FeedHealth = "feed.health";
    public const string StoryIngested = "story.ingested";
    public const string StoryUpdated = "story.updated";
    public const string StoryLanguageVersion = "story.language-version";
    public const string StoryClassified = "story.classified";
    public const string AlertFannedOut = "alert.fanned-out";
    public const string EmailSent = "email.sent";
    public const string EmailSkipped = "email.skipped";
    public const string EmailFailed = "email.failed";
    public const string BatchFailed = "email.batch.failed";
    public const string BatchUncertain = "email.batch.uncertain";
    public const string SendingPaused = "sending.paused";

    /// <summary>Metric: messages waiting on a stage queue (dimension <c>queue</c>).</summary>
    public const string QueueDepth = "queue.depth";

    /// <summary>Metric: messages in a stage's poison queue (dimension <c>queue</c>); the poison alert fires on it.</summary>
    public const string PoisonDepth = "queue.poison.depth";
}
