using System.Text.Json.Nodes;
using CampaignFlow.Azure.Published;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Bench;

/// <summary>Scenarios of group d: staff publish a rule set mid-run; sending paused and resumed mid-run.</summary>
public static class StaffFaults
{
    public const string StricterVersion = "fault-bench-stricter";

    public static IEnumerable<FaultScenario> All() =>
    [
        new("staff-rules-published", "staff", "a stricter rule set (threshold 0.8) published while the first stories are classified; more stories after it", RulesAsync),
        new("staff-pause-resume", "staff", "sending paused before the poll, resumed 8 s later", PauseAsync),
    ];

    private static async Task<FaultRun> RulesAsync(FaultRig rig, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        rig.Feed.Add(rig.Stories / 2);
        var first = await rig.PollAsync(cancellationToken);
        // Mid-run: the first stories are on the queue and being classified.
        var rules = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "config", "rules.json"), cancellationToken))!;
        rules["version"] = StricterVersion;
        rules["scoring"]!["threshold"] = 0.8;
        rules["scoring"]!["reviewLow"] = 0.75;
        rules["scoring"]!["reviewHigh"] = 0.85;
        await rig.Services.GetRequiredService<BlobRuleSetStore>().PublishAsync(rules.ToJsonString(), cancellationToken);
        rig.Log($"published rule set {StricterVersion}");
        // Classification__RefreshSeconds is 1 in the bench: after 3 s every new verdict must come from the new set.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var later = rig.Feed.Add(rig.Stories / 2);
        var second = await rig.PollAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        var ledger = rig.Services.GetRequiredService<IStoryLedger>();
        var stale = 0;
        foreach (var item in later)
        {
            if (await ledger.GetClassifiedAsync(StoryKey.For(new FeedItem { Id = item.Guid }), cancellationToken) is { } c && c.Verdict.RuleSetVersion != StricterVersion)
            {
                stale++;
            }
        }
        return new FaultRun(first.Ok && second.Ok && stale == 0, Notes: stale == 0 ? "" : $"{stale} stories polled after the publish classified with the old rule set");
    }

    private static async Task<FaultRun> PauseAsync(FaultRig rig, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        var control = rig.Services.GetRequiredService<ISendingControl>();
        await control.PauseAsync("fault bench: paused mid-run", cancellationToken);
        rig.Feed.Add(rig.Stories);
        var polled = await rig.PollAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);
        var whilePaused = rig.Received.Count;
        rig.Log($"{whilePaused} pairs sent while paused; resuming");
        await control.ResumeAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        return new FaultRun(polled.Ok && whilePaused == 0, Notes: whilePaused == 0 ? "" : $"{whilePaused} mails went out while sending was paused");
    }
}
