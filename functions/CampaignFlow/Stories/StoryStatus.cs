namespace CampaignFlow.Stories;

/// <summary>Where a story is in the pipeline. Pending stories are re-enqueued by the next poll.</summary>
public enum StoryStatus
{
    /// <summary>Recorded, not yet confirmed on the stories queue.</summary>
    Pending,
    /// <summary>On the stories queue (or past it).</summary>
    Enqueued,
    /// <summary>Seen, deliberately not alerted (e.g. older than the first-poll window).</summary>
    Skipped,
    /// <summary>Another language's version of an alerted release (<see cref="Story.ReleaseOf"/>); delivery picks it for subscribers of that language.</summary>
    LanguageVersion,
    /// <summary>The same release published again under another identifier, in the same language; not alerted again.</summary>
    Duplicate,
}
