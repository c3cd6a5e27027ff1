namespace CampaignFlow.Operations;

/// <summary>
/// What the running app tells operators through storage, so <c>campaignflow status --account</c> sees it without
/// access to the Function App: the <c>Sending__Paused</c> setting it runs with (MonitorQueues, every tick) and the last
/// alert batch it sent.
/// </summary>
public interface IOperationsLog
{
    Task RecordSettingPausedAsync(bool paused, CancellationToken cancellationToken = default);

    Task RecordBatchSentAsync(string key, int batch, int recipients, CancellationToken cancellationToken = default);

    Task<OperationsLogEntry> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>The app's last report: <c>Sending__Paused</c> and when it said so; the last batch sent (story id or digest key).</summary>
public sealed record OperationsLogEntry(bool? SettingPaused, DateTimeOffset? SettingReportedAt, LastSent? LastSent);

/// <summary>The last batch the app sent.</summary>
public sealed record LastSent(string Key, int Batch, int Recipients, DateTimeOffset At);
