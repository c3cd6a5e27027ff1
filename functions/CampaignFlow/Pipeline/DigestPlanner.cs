using System.Globalization;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Pipeline;

/// <summary>
/// The SendDigest timer: takes the last day's alerted stories and, per active digest subscriber, those matching their
/// topics and regions; subscribers with the same stories in the same language are grouped into
/// <see cref="DigestBatchMessage"/>s of at most <see cref="NotifySubscribersStage.BatchSize"/> ids on the digests queue. It
/// sends nothing itself: <see cref="DeliverDigestStage"/> does, under the day's ledger partition <c>digest-YYYYMMDD</c>,
/// so a second plan on one day only enqueues batches the ledger then finds already sent.
/// </summary>
public sealed class DigestPlanner(IStoryLedger stories, ISubscriberStore subscribers, IMessageQueue queue, TimeProvider clock, ILogger<DigestPlanner> logger)
{
    private const string KeyPrefix = "digest-";
    private const string KeyDateFormat = "yyyyMMdd";

    /// <summary>The digest key of the UTC day of <paramref name="now"/>.</summary>
    public static string Key(DateTimeOffset now) => KeyPrefix + now.UtcDateTime.ToString(KeyDateFormat, CultureInfo.InvariantCulture);

    /// <summary>The day (UTC midnight) a digest key names, or null if it is not one.</summary>
    public static DateTimeOffset? Day(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && DateTime.TryParseExact(key[KeyPrefix.Length..], KeyDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : null;

    /// <summary>Enqueues today's digest batches.</summary>
    public async Task<DigestPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var key = Key(now);
        var day = new List<ClassifiedStory>();
        await foreach (var story in stories.ListRelevantSinceAsync(now.AddDays(-1), cancellationToken))
        {
            day.Add(story);
        }
        day = day.OrderByDescending(s => s.Story.Published ?? s.Story.FirstSeen).ToList();
        var groups = new Dictionary<string, (string[] Stories, string Language, List<string> Recipients)>(StringComparer.Ordinal);
        int recipients = 0, batches = 0;
        async Task FlushAsync((string[] Stories, string Language, List<string> Recipients) group)
        {
            await queue.SendAsync(QueueNames.Digests, new DigestBatchMessage(key, group.Language, ++batches, group.Stories, group.Recipients.ToArray()), cancellationToken);
            group.Recipients.Clear();
        }
        await foreach (var subscriber in subscribers.ListActiveAsync(cancellationToken))
        {
            var matching = day.Where(s => subscriber.WantsInDigest(s.Verdict.Topics, s.Verdict.Regions)).Select(s => s.Story.Id).ToArray();
            if (matching.Length == 0)
            {
                continue;
            }
            var language = Languages.Normalize(subscriber.Language);
            var groupKey = language + ":" + string.Join(',', matching);
            if (!groups.TryGetValue(groupKey, out var group))
            {
                groups[groupKey] = group = (matching, language, new List<string>(NotifySubscribersStage.BatchSize));
            }
            group.Recipients.Add(subscriber.Id);
            recipients++;
            if (group.Recipients.Count == NotifySubscribersStage.BatchSize)
            {
                await FlushAsync(group);
            }
        }
        foreach (var group in groups.Values.Where(g => g.Recipients.Count > 0))
        {
            await FlushAsync(group);
        }
        logger.LogInformation("Digest {Digest}: {Stories} stories, {Recipients} subscribers in {Batches} batches on {Queue}", key, day.Count, recipients, batches, QueueNames.Digests);
        return new DigestPlan(key, day.Count, recipients, batches);
    }
}
