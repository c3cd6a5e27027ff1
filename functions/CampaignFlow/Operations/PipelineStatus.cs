using CampaignFlow.Feeds;

namespace CampaignFlow.Operations;

/// <summary>What the status endpoint and <c>campaignflow status</c> show: feed health, queue depths, sending, the last errors.</summary>
public sealed record PipelineStatus(
    DateTimeOffset At,
    IReadOnlyDictionary<string, FeedState> Feeds,
    IReadOnlyList<QueueDepth> Queues,
    IReadOnlyList<string> LastErrors,
    SendingStatus? Sending = null);

/// <summary>
/// Sending at a glance: the shared switch (an operator's pause, or the automatic one after a spike of spam reports,
/// with its reason), the <c>Sending__Paused</c> setting as the app last reported it, and the last batch it sent.
/// </summary>
public sealed record SendingStatus(string? SwitchReason, bool? SettingPaused, DateTimeOffset? SettingReportedAt, LastSent? LastSent)
{
    public bool Paused => SwitchReason is not null || SettingPaused == true;
}
