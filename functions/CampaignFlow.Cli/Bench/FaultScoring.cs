using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Feeds;
using CampaignFlow.Stories;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// Compares what the loopback endpoint accepted with what should have gone out: for every story the feed ever showed,
/// the classifier's verdict as the ledger recorded it; for each one decided "send", every active instant subscriber
/// whose choices match (<see cref="FaultAudience.ShouldReceive"/>).
/// </summary>
public static class FaultScoring
{
    public static async Task<FaultScenarioResult> ScoreAsync(FaultRig rig, string scenario, bool recovered, int poisonExpected, string notes, CancellationToken cancellationToken)
    {
        var ledger = rig.Services.GetRequiredService<IStoryLedger>();
        var expected = new HashSet<(string Story, string Email)>();
        int stories = 0, unclassified = 0;
        foreach (var item in rig.Feed.EverShown)
        {
            stories++;
            var id = StoryKey.For(new FeedItem { Id = item.Guid });
            var classified = await ledger.GetClassifiedAsync(id, cancellationToken);
            if (classified is null)
            {
                unclassified++;
                continue;
            }
            if (classified.Verdict.Decision != ClassificationDecision.Send)
            {
                continue;
            }
            foreach (var email in rig.Audience.ShouldReceive(classified.Verdict.Topics, classified.Verdict.Regions))
            {
                expected.Add((id, email.ToLowerInvariant()));
            }
        }
        var received = rig.Received;
        var sent = received.Keys.Count(expected.Contains);
        var unexpected = received.Keys.Count(k => !expected.Contains(k));
        var duplicates = received.Count(r => r.Value > 1);
        var lost = expected.Count(e => !received.ContainsKey(e));
        var poison = await rig.PoisonAsync(cancellationToken);
        var uncertain = rig.Services.GetRequiredService<RunTally>().Count(PipelineEvents.BatchUncertain);
        var passed = recovered && lost == 0 && duplicates == 0 && unexpected == 0 && unclassified == 0
            && poison.Count == poisonExpected && poison.All(p => p.Reason.Length > 0);
        return new FaultScenarioResult(scenario, stories, expected.Count, sent, duplicates, lost, recovered, Math.Round(rig.Clock.Elapsed.TotalSeconds, 1))
        {
            Unexpected = unexpected,
            Unclassified = unclassified,
            Uncertain = uncertain,
            Poison = poison.Count,
            PoisonWithoutReason = poison.Count(p => p.Reason.Length == 0),
            PoisonExpected = poisonExpected,
            Passed = passed,
            Notes = notes,
        };
    }
}
