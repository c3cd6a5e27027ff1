using CampaignFlow.Operations;
using CampaignFlow.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Functions;

/// <summary>Timer: reports the depth of every queue and poison queue as metrics, which the operators' alerts and workbook read.</summary>
public sealed class MonitorQueues(PoisonQueues queues, IPipelineTelemetry telemetry, ILogger<MonitorQueues> logger)
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
    }
}
