using CampaignFlow.Delivery;
using CampaignFlow.Operations;
using CampaignFlow.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Functions;

/// <summary>
/// Timer: reports the depth of every queue and poison queue, and whether sending is paused, as metrics, which the
/// operators' alerts and workbook read. The pause is reported on every tick, not only when a batch meets it.
/// </summary>
public sealed class MonitorQueues(
    PoisonQueues queues,
    SendingGate gate,
    IOptionsMonitor<SendingOptions> sending,
    IOperationsLog operations,
    IPipelineTelemetry telemetry,
    ILogger<MonitorQueues> logger)
{
    [Function(nameof(MonitorQueues))]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var depth in await queues.DepthsAsync(cancellationToken))
        {
            telemetry.Metric(PipelineEvents.QueueDepth, depth.Messages, new Dictionary<string, string> { ["queue"] = depth.Queue });
            telemetry.Metric(PipelineEvents.PoisonDepth, depth.Poison, new Dictionary<string, string> { ["queue"] = depth.Queue });
            if (depth.Poison > 0)
            {
                logger.LogWarning("{Count} messages in {Queue}-poison: see 'campaignflow queues poison list {Queue}'", depth.Poison, depth.Queue, depth.Queue);
            }
        }
        // The setting is the app's, not the storage account's: written down so 'campaignflow status --account' can show it.
        await operations.RecordSettingPausedAsync(sending.CurrentValue.Paused, cancellationToken);
        var paused = await gate.PausedReasonAsync(cancellationToken);
        telemetry.Metric(PipelineEvents.SendingState, paused is null ? 0 : 1, paused is null ? null : new Dictionary<string, string> { ["reason"] = paused });
    }
}
