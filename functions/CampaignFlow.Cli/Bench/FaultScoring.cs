using Azure.Data.Tables;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Classification;
using CampaignFlow.Feeds;
using CampaignFlow.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// Compares what the loopback endpoint accepted with what should have gone out: for every story the feed ever showed,
/// the classifier's verdict as the ledger recorded it; for each one decided "send", every active instant subscriber
/// whose choices match (<see cref="FaultAudience.ShouldReceive"/>).
/// </summary>
public static class FaultScoring
{
    /// <summary>
    /// The (story, address) pairs whose claim belongs to an attempt still <c>sending</c> at the end: its request was in
    /// flight when the worker died, so the ledger will never send them again (uncertain, at most once).
    /// </summary>
    public static async Task<HashSet<(string Story, string Email)>> UncertainPairsAsync(FaultRig rig, CancellationToken cancellationToken)
    {
        var table = rig.Services.GetRequiredService<TableServiceClient>().GetTableClient(TableNames.Deliveries);
        var sending = new HashSet<string>(StringComparer.Ordinal);
        var claims = new List<(string Story, string Recipient, string Attempt)>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith("attempt|", StringComparison.Ordinal))
            {
                if (row.GetString("Status") == TableDeliveryLedger.Sending)
                {
                    sending.Add(row.RowKey["attempt|".Length..]);
                }
            }
            else if (row.PartitionKey.Split('|') is [var story, _] && row.GetString("Attempt") is { } attempt)
            {
                claims.Add((story, row.RowKey, attempt));
            }
        }
        var emails = rig.Audience.Subscribers.ToDictionary(s => s.Id, s => s.Email.ToLowerInvariant(), StringComparer.Ordinal);
        return claims.Where(c => sending.Contains(c.Attempt) && emails.ContainsKey(c.Recipient)).Select(c => (c.Story, emails[c.Recipient])).ToHashSet();
    }

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
        var lostPairs = expected.Where(e => !received.ContainsKey(e)).ToList();
        var lost = lostPairs.Count;
        var poison = await rig.PoisonAsync(cancellationToken);
        var uncertain = await UncertainPairsAsync(rig, cancellationToken);
        // At most once: a recipient the ledger holds as uncertain (a request in flight when its worker died) is not
        // sent again by design (delivery.md); such a loss is reported, and only a loss the ledger cannot account for fails.
        var unaccounted = lostPairs.Count(p => !uncertain.Contains(p));
        var passed = recovered && unaccounted == 0 && duplicates == 0 && unexpected == 0 && unclassified == 0
            && poison.Count == poisonExpected && poison.All(p => p.Reason.Length > 0);
        return new FaultScenarioResult(scenario, stories, expected.Count, sent, duplicates, lost, recovered, Math.Round(rig.Clock.Elapsed.TotalSeconds, 1))
        {
            Unexpected = unexpected,
            Unclassified = unclassified,
            Uncertain = uncertain.Count,
            LostUncertain = lost - unaccounted,
            Poison = poison.Count,
            PoisonWithoutReason = poison.Count(p => p.Reason.Length == 0),
            PoisonExpected = poisonExpected,
            Passed = passed,
            Notes = notes,
        };
    }
}
