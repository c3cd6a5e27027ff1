using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Bench;

/// <summary>Scenarios of group c: messages duplicated, malformed, or of an unknown version, on every stage queue.</summary>
public static class MessageFaults
{
    public static IEnumerable<FaultScenario> All() =>
    [
        new("messages-duplicated", "messages", "every story message and every alert sent twice more (during and after the run)", DuplicatedAsync),
        new("messages-malformed", "messages", "unreadable JSON on stories, alerts and deliveries; one body that is not base64", (rig, ct) =>
            PoisonAsync(rig, [(QueueNames.Stories, "{not json", false), (QueueNames.Alerts, "[1,2", false), (QueueNames.Deliveries, "{\"v\":1,\"storyId\":", false), (QueueNames.Deliveries, "%%% not base64 %%%", true)], ct)),
        new("messages-unknown-version", "messages", "messages of version 99 on stories, alerts and deliveries", (rig, ct) =>
            PoisonAsync(rig,
            [
                (QueueNames.Stories, "{\"v\":99,\"storyId\":\"0123456789abcdef0123456789abcdef\",\"feed\":\"x\"}", false),
                (QueueNames.Alerts, "{\"v\":99,\"storyId\":\"0123456789abcdef0123456789abcdef\",\"ruleSetVersion\":\"x\"}", false),
                (QueueNames.Deliveries, "{\"v\":99,\"storyId\":\"0123456789abcdef0123456789abcdef\",\"ruleSetVersion\":\"x\",\"language\":\"en\",\"batch\":1,\"recipients\":[]}", false),
            ], ct)),
    ];

    private static async Task<FaultRun> DuplicatedAsync(FaultRig rig, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        rig.Feed.Add(rig.Stories);
        var polled = await rig.PollAsync(cancellationToken);
        var queue = rig.Services.GetRequiredService<IMessageQueue>();
        var ids = rig.Feed.EverShown.Select(i => StoryKey.For(new FeedItem { Id = i.Guid })).ToList();
        // While the first copies are being handled: each story again.
        foreach (var id in ids)
        {
            await queue.SendAsync(QueueNames.Stories, new StoryMessage(id, rig.FeedName), cancellationToken);
        }
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        // After: each story and each relevant story's alert once more.
        var ledger = rig.Services.GetRequiredService<IStoryLedger>();
        foreach (var id in ids)
        {
            await queue.SendAsync(QueueNames.Stories, new StoryMessage(id, rig.FeedName), cancellationToken);
            if (await ledger.GetClassifiedAsync(id, cancellationToken) is { } classified)
            {
                await queue.SendAsync(QueueNames.Alerts, new AlertMessage(id, classified.Verdict.RuleSetVersion), cancellationToken);
            }
        }
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        return new FaultRun(polled.Ok, Notes: $"{ids.Count * 2} story and up to {ids.Count} alert copies");
    }

    private static async Task<FaultRun> PoisonAsync(FaultRig rig, IReadOnlyList<(string Queue, string Body, bool Raw)> bad, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        rig.Feed.Add(rig.Stories);
        foreach (var (queue, body, raw) in bad)
        {
            await rig.InjectAsync(queue, body, raw, cancellationToken);
        }
        var polled = await rig.PollAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        return new FaultRun(polled.Ok, PoisonExpected: bad.Count, Notes: $"{bad.Count} bad messages injected");
    }
}
