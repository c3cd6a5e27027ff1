using CampaignFlow.Subscribers;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// The bench's subscribers, generated from a seed: mixed languages, topics and regions (some wanting everything),
/// most active and instant, some suppressed, unsubscribed, never confirmed (pending) or on the daily digest. Who
/// should get a story is decided here, from the list as generated and the classifier's verdict, by rules written out
/// again rather than by the delivery code (<see cref="Subscriber.WantsInstant"/>), so the bench checks the product
/// against the documented behaviour.
/// </summary>
public sealed class FaultAudience
{
    private static readonly string[] LanguageChoices = ["en", "en", "no", "fr", "es"];
    private static readonly string[] TopicChoices = ["clearance", "diplomatic-conference", "financing", "national-measures", "signature-ratification", "state-endorsement", "stockpile-destruction", "use-condemnation", "victim-assistance"];
    private static readonly string[] RegionChoices = ["africa", "asia", "europe", "latin-america-caribbean", "middle-east", "north-america", "pacific"];

    public FaultAudience(int count, int seed = 14)
    {
        var random = new Random(seed);
        Subscribers = Enumerable.Range(0, count).Select(i =>
        {
            var roll = random.Next(100);
            var status = roll < 5 ? SubscriberStatus.Suppressed : roll < 9 ? SubscriberStatus.Unsubscribed : roll < 12 ? SubscriberStatus.Pending : SubscriberStatus.Active;
            var topics = random.Next(3) == 0 ? [] : TopicChoices.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToArray();
            var regions = random.Next(2) == 0 ? [] : RegionChoices.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray();
            return Subscriber.Create($"fault-{i}@example.org") with
            {
                Language = LanguageChoices[random.Next(LanguageChoices.Length)],
                Topics = topics,
                Regions = regions,
                Status = status,
                Cadence = random.Next(100) < 5 ? Cadence.DailyDigest : Cadence.Instant,
                ConsentAt = DateTimeOffset.UtcNow,
                ConsentSource = "fault-bench",
            };
        }).ToList();
    }

    public IReadOnlyList<Subscriber> Subscribers { get; }

    /// <summary>The addresses that must get an instant alert for a story with these topics and regions.</summary>
    public IEnumerable<string> ShouldReceive(IReadOnlyList<string> topics, IReadOnlyList<string> regions) =>
        Subscribers.Where(s => s.Status == SubscriberStatus.Active && s.Cadence == Cadence.Instant
                && Wants(s.Topics, topics) && Wants(s.Regions, regions))
            .Select(s => s.Email);

    /// <summary>Addresses that must never get an instant alert (not active, or digest readers).</summary>
    public IReadOnlySet<string> NeverInstant() =>
        Subscribers.Where(s => s.Status != SubscriberStatus.Active || s.Cadence != Cadence.Instant).Select(s => s.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);

    // A subscriber with no choice of a kind wants all; a story with nothing of a kind goes to everyone.
    private static bool Wants(IReadOnlyList<string> wanted, IReadOnlyList<string> story) =>
        wanted.Count == 0 || story.Count == 0 || wanted.Any(w => story.Contains(w, StringComparer.OrdinalIgnoreCase));
}
