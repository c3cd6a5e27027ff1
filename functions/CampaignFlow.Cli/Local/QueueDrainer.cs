using CampaignFlow.Operations;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Cli.Local;

/// <summary>Waits until every stage queue is empty and no handler is running: the end of a one-shot cycle.</summary>
public sealed class QueueDrainer(PoisonQueues queues, LocalActivity activity)
{
    public async Task WaitUntilIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quiet = 0;
        while (quiet < 3)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the queues did not drain within {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            quiet = activity.InFlight == 0 && (await queues.DepthsAsync(cancellationToken)).Sum(d => d.Messages) == 0 ? quiet + 1 : 0;
        }
    }

    public async Task<int> PoisonDepthAsync(CancellationToken cancellationToken = default) =>
        (await queues.DepthsAsync(cancellationToken)).Sum(d => d.Poison);
}
