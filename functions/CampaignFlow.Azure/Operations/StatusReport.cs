using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Operations;

namespace CampaignFlow.Azure.Operations;

/// <summary>Assembles the operator's status view from feed state, queue depths, the kill switch and the app's reports.</summary>
public sealed class StatusReport(IFeedStateStore feeds, PoisonQueues queues, ISendingControl sending, IOperationsLog operations, TimeProvider clock)
{
    public async Task<PipelineStatus> BuildAsync(CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<string, FeedState>();
        await foreach (var (name, state) in feeds.ListAsync(cancellationToken))
        {
            states[name] = state;
        }
        var errors = states.Where(s => s.Value.LastError is not null).Select(s => $"{s.Key}: {s.Value.LastError}").ToList();
        var depths = await queues.DepthsAsync(cancellationToken);
        foreach (var depth in depths.Where(d => d.Poison > 0))
        {
            foreach (var message in (await queues.ListAsync(depth.Queue, cancellationToken)).Take(5))
            {
                errors.Add($"{depth.Queue}-poison {message.Id}: {message.Reason ?? "retries exhausted"}");
            }
        }
        var log = await operations.ReadAsync(cancellationToken);
        var switchReason = await sending.PausedReasonAsync(cancellationToken);
        return new PipelineStatus(clock.GetUtcNow(), states, depths, errors, new SendingStatus(switchReason, log.SettingPaused, log.SettingReportedAt, log.LastSent));
    }
}
