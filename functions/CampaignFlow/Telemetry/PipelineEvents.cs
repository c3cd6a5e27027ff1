namespace CampaignFlow.Telemetry;

/// <summary>
/// Every custom event and metric name the app emits (App Insights customEvents and customMetrics; console locally), in
/// one place: emitters name them from here, and a test reads the alerts and the workbook in infra/ against these.
/// </summary>
public static class PipelineEvents
{
    /// <summary>Event per feed per poll: <c>feed</c>, <c>ok</c>, <c>new</c>, <c>notModified</c> …</summary>
    public const string FeedPolled = "feed.polled";

    /// <summary>Event while a feed has a problem: <c>feedName</c>, <c>problem</c> (<c>failing</c> or <c>stale</c>), <c>consecutiveFailures</c>, <c>unchangedDays</c>.</summary>
    public const string FeedHealth = "feed.health";

    public const string StoryIngested = "story.ingested";
    public const string StoryUpdated = "story.updated";
    public const string StoryLanguageVersion = "story.language-version";

    /// <summary>Event: <c>relevant</c>, <c>decision</c>, <c>score</c>, <c>ruleVersion</c>.</summary>
    public const string StoryClassified = "story.classified";

    /// <summary>Event: <c>recipients</c>, <c>batches</c>.</summary>
    public const string AlertFannedOut = "alert.fanned-out";

    /// <summary>Event per batch SendGrid accepted: <c>batch</c>, <c>count</c> (recipients).</summary>
    public const string BatchSent = "email.batch.sent";

    /// <summary>Event per batch SendGrid refused or never answered: <c>batch</c>, <c>count</c>, <c>permanent</c>, <c>statusCode</c> (<c>none</c> without an answer).</summary>
    public const string BatchFailed = "email.batch.failed";

    public const string BatchUncertain = "email.batch.uncertain";

    /// <summary>Event: a batch deferred because sending is paused, or an automatic pause (<c>reason</c>).</summary>
    public const string SendingPaused = "sending.paused";

    /// <summary>Event per SendGrid webhook post: <c>events</c>, <c>suppressed</c> (addresses suppressed now), <c>spamreports</c>.</summary>
    public const string SendGridEvents = "sendgrid.events";

    /// <summary>Metric: messages waiting on a stage queue (dimension <c>queue</c>).</summary>
    public const string QueueDepth = "queue.depth";

    /// <summary>Metric: messages in a stage's poison queue (dimension <c>queue</c>); the poison alert fires on it.</summary>
    public const string PoisonDepth = "queue.poison.depth";

    /// <summary>Metric every MonitorQueues tick: 1 while sending is paused (dimension <c>reason</c>), 0 while it is not.</summary>
    public const string SendingState = "sending.state";
}
