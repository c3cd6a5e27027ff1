using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// Decides whether mail may go out now: the <c>Sending__Paused</c> setting, or an automatic pause after a spike of
/// spam reports (logged as the operator event <c>sending.paused</c>).
/// </summary>
public sealed class SendingGate(IOptionsMonitor<SendingOptions> options, ISendingControl control, IPipelineTelemetry telemetry, ILogger<SendingGate> logger)
{
    /// <summary>How long a paused delivery waits before it looks again (<c>Sending__PausedRetryDelay</c>).</summary>
    public TimeSpan PausedRetryDelay => options.CurrentValue.PausedRetryDelay;

    /// <summary>Why sending is paused, or null.</summary>
    public async Task<string?> PausedReasonAsync(CancellationToken cancellationToken = default) =>
        options.CurrentValue.Paused ? "Sending__Paused is true" : await control.PausedReasonAsync(cancellationToken);

    public async Task RecordSpamReportsAsync(int reports, CancellationToken cancellationToken = default)
    {
        if (reports <= 0)
        {
            return;
        }
        var count = await control.AddSpamReportsAsync(reports, cancellationToken);
        var threshold = options.CurrentValue.SpamReportsToPause;
        if (count >= threshold && count - reports < threshold)
        {
            var reason = $"{count} spam reports within the hour (threshold {threshold})";
            await control.PauseAsync(reason, cancellationToken);
            logger.LogWarning("Sending paused automatically: {Reason}", reason);
            telemetry.Track(PipelineEvents.SendingPaused, null, new Dictionary<string, object?> { ["reason"] = reason, ["automatic"] = true });
        }
    }
}
