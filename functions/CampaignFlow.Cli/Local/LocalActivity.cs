namespace CampaignFlow.Cli.Local;

/// <summary>Counts queue messages being handled right now, so a one-shot run knows when the pipeline is idle.</summary>
public sealed class LocalActivity
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task RunAsync(Func<Task> work)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await work();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
