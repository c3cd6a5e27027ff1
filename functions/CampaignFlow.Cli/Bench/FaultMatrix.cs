using System.Diagnostics;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// The fault matrix (<c>campaignflow bench faults</c>): each scenario on a fresh rig (its own Azurite, loopback
/// SendGrid, feed server and local host), scored by <see cref="FaultScoring"/>. A scenario that throws (the host did
/// not drain, storage never came back …) is a failed scenario with the reason, not a crash of the matrix.
/// </summary>
public static class FaultMatrix
{
    public const int DefaultStories = 30;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<FaultScenario> Scenarios { get; } =
    [
        .. SendGridFaults.All(),
        .. FeedFaults.All(),
        .. MessageFaults.All(),
        .. StaffFaults.All(),
        .. StorageFaults.All(),
        .. ProcessFaults.All(),
    ];

    public static async Task<FaultScenarioResult> RunAsync(FaultScenario scenario, string stateRoot, int subscribers, int stories, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var rig = await FaultRig.StartAsync(Path.Combine(stateRoot, scenario.Name), subscribers, stories, cancellationToken);
        try
        {
            var run = await scenario.Script(rig, cancellationToken);
            var notes = string.Join("; ", new[] { scenario.Fault, run.Notes }.Where(n => n.Length > 0));
            return await FaultScoring.ScoreAsync(rig, scenario.Name, run.Recovered, run.PoisonExpected, notes, cancellationToken) with
            {
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"[faults] {scenario.Name}: {ex}");
            var partial = rig.Host is null ? null : await TryScoreAsync(rig, scenario, cancellationToken);
            var reason = $"{scenario.Fault}; did not recover: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            return (partial ?? new FaultScenarioResult(scenario.Name, rig.Feed.EverShown.Count, 0, 0, 0, 0, false, 0)) with
            {
                Recovered = false,
                Passed = false,
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                Notes = reason,
            };
        }
    }

    private static async Task<FaultScenarioResult?> TryScoreAsync(FaultRig rig, FaultScenario scenario, CancellationToken cancellationToken)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            return await FaultScoring.ScoreAsync(rig, scenario.Name, false, 0, "", limit.Token);
        }
        catch (Exception)
        {
            return null;
        }
    }
}
