using CampaignFlow.Cli.SendGridLoopback;

namespace CampaignFlow.Cli.Bench;

/// <summary>Scenarios of group a: SendGrid answering 429 with a reset, 500s, not answering in time, or losing a 202.</summary>
public static class SendGridFaults
{
    public static IEnumerable<FaultScenario> All() =>
    [
        new("sendgrid-429", "sendgrid", "first 3 requests answered 429 with X-RateLimit-Reset 2 s ahead", (rig, ct) => RunAsync(rig, () =>
        {
            var reset = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeSeconds().ToString();
            return Enumerable.Repeat(new ScriptedResponse(429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = reset }), 3);
        }, ct)),
        new("sendgrid-500", "sendgrid", "first 6 requests answered 500", (rig, ct) => RunAsync(rig, () => Enumerable.Repeat(new ScriptedResponse(500), 6), ct)),
        new("sendgrid-timeout", "sendgrid", "first 3 requests not answered within SendGrid__Timeout (3 s)", (rig, ct) =>
            RunAsync(rig, () => Enumerable.Repeat(new ScriptedResponse(202, Delay: TimeSpan.FromSeconds(8)), 3), ct)),
        new("sendgrid-lost-202", "sendgrid", "first 2 requests accepted (202) but the connection dropped before the answer", (rig, ct) =>
            RunAsync(rig, () => Enumerable.Repeat(new ScriptedResponse(202, LoseAnswer: true), 2), ct)),
    ];

    private static async Task<FaultRun> RunAsync(FaultRig rig, Func<IEnumerable<ScriptedResponse>> script, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        foreach (var response in script())
        {
            rig.SendGrid.Script.Enqueue(response);
        }
        rig.Feed.Add(rig.Stories);
        var polled = await rig.PollAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        var left = rig.SendGrid.Script.Count;
        return new FaultRun(polled.Ok && left == 0, Notes: left == 0 ? "" : $"{left} scripted responses never used");
    }
}
