using CampaignFlow.Cli.SendGridLoopback;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// Scenarios of group f: the local host (<c>campaignflow run</c> as a child process on the rig's state) killed with
/// SIGKILL mid fan-out and mid delivery, then started again on the same state; it must finish the work by itself.
/// </summary>
public static class ProcessFaults
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(10);

    public static IEnumerable<FaultScenario> All() =>
    [
        new("process-kill-fanout", "process", "host killed (SIGKILL) as soon as it logged its first finished fan-out, then restarted", (rig, ct) =>
            KillAndRestartAsync(rig, host => host.SawAlert, ct)),
        new("process-kill-delivery", "process", "host killed (SIGKILL) with a SendGrid request in flight (the endpoint holds it), then restarted", (rig, ct) =>
        {
            rig.SendGrid.Script.Enqueue(new ScriptedResponse(202, Delay: TimeSpan.FromMinutes(2)));
            return KillAndRestartAsync(rig, _ => rig.SendGrid.Requests > 0, ct);
        }),
    ];

    private static async Task<FaultRun> KillAndRestartAsync(FaultRig rig, Func<ChildHost, bool> killWhen, CancellationToken cancellationToken)
    {
        await rig.PrepareAsync(cancellationToken);
        // The child starts its own Azurite on the same data.
        await rig.Azurite.StopAsync();
        rig.Feed.Add(rig.Stories);
        var first = ChildHost.Start(rig, "host-1.log");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!killWhen(first) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
        var killedMidRun = killWhen(first);
        rig.Log($"SIGKILL to host {first.Pid} ({rig.Received.Count} pairs sent so far)");
        await first.KillAsync();
        await first.DisposeAsync();
        await using var second = ChildHost.Start(rig, "host-2.log");
        var drained = await second.WaitIdleAsync(rig.Directory, () => rig.Received.Count, Settle, cancellationToken);
        rig.Log(drained ? $"restarted host drained: {rig.Received.Count} pairs" : "restarted host did not drain");
        var exit = await second.StopAsync();
        // Storage back for the scoring, on the same data.
        await rig.Azurite.StartAgainAsync(cancellationToken);
        return new FaultRun(killedMidRun && drained, Notes: $"{(killedMidRun ? "killed mid-run" : "the kill point never came")}; restarted host exit {exit}");
    }
}
