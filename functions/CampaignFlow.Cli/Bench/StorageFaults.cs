namespace CampaignFlow.Cli.Bench;

/// <summary>Scenario of group e: Azurite (queues, tables, blobs) stopped mid-delivery and started again 10 s later on the same data.</summary>
public static class StorageFaults
{
    public static IEnumerable<FaultScenario> All() =>
    [
        new("storage-restart", "storage", "Azurite stopped once the first mails went out, restarted 10 s later (same ports, same data)", RestartAsync),
    ];

    private static async Task<FaultRun> RestartAsync(FaultRig rig, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        rig.Feed.Add(rig.Stories);
        var polled = await rig.PollAsync(cancellationToken);
        var midRun = await rig.WaitForSentAsync(1, FaultMatrix.IdleTimeout, cancellationToken);
        rig.Log($"stopping Azurite ({rig.Received.Count} pairs sent so far)");
        await rig.Azurite.RestartAsync(TimeSpan.FromSeconds(10), cancellationToken);
        rig.Log("Azurite started again");
        rig.Feed.Add(5);
        var tries = await rig.PollUntilOkAsync(10, cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        return new FaultRun(polled.Ok && midRun && tries > 0, Notes: $"first poll after the restart that succeeded: {tries}");
    }
}
