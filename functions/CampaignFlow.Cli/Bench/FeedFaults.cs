namespace CampaignFlow.Cli.Bench;

/// <summary>Scenarios of group b: the feed server failing, hanging, truncating, changing format, editing and bursting.</summary>
public static class FeedFaults
{
    public static IEnumerable<FaultScenario> All() =>
    [
        new("feed-500", "feed", "4 answers 500 (more than the retries of one poll), then recovery", (rig, ct) =>
            FaultThenRecoverAsync(rig, Enumerable.Repeat(FeedFault.ServerError, 4), ct)),
        new("feed-timeout", "feed", "2 requests hang 10 s (request timeout 2 s), then recovery", (rig, ct) =>
            FaultThenRecoverAsync(rig, Enumerable.Repeat(FeedFault.Timeout, 2), ct)),
        new("feed-truncated", "feed", "one answer cut off mid-item (200, truncated XML), then the whole feed", (rig, ct) =>
            FaultThenRecoverAsync(rig, [FeedFault.Truncated], ct)),
        new("feed-rss-to-atom", "feed", "the feed switches from RSS 2.0 to Atom 1.0 (same ids) with new items", (rig, ct) =>
            TwoPollsAsync(rig, feed => { feed.AtomFormat = true; feed.Add(10); }, ct)),
        new("feed-edit-reorder", "feed", "the title and text of every third item edited, order shuffled, 5 new items", (rig, ct) =>
            TwoPollsAsync(rig, feed => { feed.EditAndReorder(3, seed: 7); feed.Add(5); }, ct)),
        new("feed-burst-500", "feed", "500 new items in one poll", (rig, ct) =>
            TwoPollsAsync(rig, feed => feed.Add(500), ct)),
    ];

    private static async Task<FaultRun> FaultThenRecoverAsync(FaultRig rig, IEnumerable<FeedFault> faults, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        foreach (var fault in faults)
        {
            rig.FeedServer.Faults.Enqueue(fault);
        }
        rig.Feed.Add(rig.Stories);
        // As the timer would: poll again until a poll succeeds, and once more after new items.
        var tries = await rig.PollUntilOkAsync(6, cancellationToken);
        rig.Feed.Add(5);
        var last = await rig.PollAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        return new FaultRun(tries > 0 && last.Ok, Notes: $"first successful poll: {tries}");
    }

    private static async Task<FaultRun> TwoPollsAsync(FaultRig rig, Action<FaultFeed> change, CancellationToken cancellationToken)
    {
        await rig.StartHostAsync(cancellationToken);
        rig.Feed.Add(rig.Stories);
        var first = await rig.PollAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        change(rig.Feed);
        var second = await rig.PollAsync(cancellationToken);
        await rig.WaitIdleAsync(FaultMatrix.IdleTimeout, cancellationToken);
        return new FaultRun(first.Ok && second.Ok, Notes: $"second poll: {second.NewStories} new, {second.Updated} updated" + (second.Error is { } e ? $", error {e}" : ""));
    }
}
