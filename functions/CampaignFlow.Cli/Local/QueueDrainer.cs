using Azure.Storage.Queues;
using CampaignFlow.Pipeline;

namespace CampaignFlow.Cli.Local;

/// <summary>Waits until every stage queue is empty and no handler is running: the end of a one-shot cycle.</summary>
public sealed class QueueDrainer(QueueServiceClient queues, LocalActivity activity)
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
            quiet = activity.InFlight == 0 && await DepthAsync(cancellationToken) == 0 ? quiet + 1 : 0;
        }
    }

    public async Task<int> DepthAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        foreach (var name in QueueNames.All)
        {
            total += (await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        return total;
    }

    public async Task<int> PoisonDepthAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        foreach (var name in QueueNames.All)
        {
            total += (await queues.GetQueueClient(name + "-poison").GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        return total;
    }
}
