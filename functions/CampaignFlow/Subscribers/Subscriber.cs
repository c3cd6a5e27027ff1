namespace CampaignFlow.Subscribers;

/// <summary>A person on the list, their choices, and the record of their consent.</summary>
public sealed record Subscriber
{
    /// <summary><see cref="EmailAddress.Key"/> of the address.</summary>
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string? Name { get; init; }
    public string Language { get; init; } = "en";
    /// <summary>Topics wanted; empty means all.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>Regions wanted; empty means all.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];
    public Cadence Cadence { get; init; } = Cadence.Instant;
    public SubscriberStatus Status { get; init; } = SubscriberStatus.Pending;
    public string? StatusReason { get; init; }
    /// <summary>
    /// When <see cref="Status"/> last changed (confirmed, unsubscribed, suppressed); null on records older than the field.
    /// A confirmation link issued before it cannot undo the change.
    /// </summary>
    public DateTimeOffset? StatusChangedAt { get; init; }
    public DateTimeOffset? ConsentAt { get; init; }
    /// <summary>
    /// The version of this person's signed links (<see cref="Delivery.SubscriberLinks"/>): staff raise it to revoke every
    /// unsubscribe and preferences link issued before; 0 on records older than the field.
    /// </summary>
    public int TokenVersion { get; init; }
    /// <summary>How consent was given (form, import, demo …) and from where.</summary>
    public string? ConsentSource { get; init; }

    public static Subscriber Create(string normalizedEmail) => new() { Id = EmailAddress.Key(normalizedEmail), Email = normalizedEmail };

    /// <summary>
    /// Whether an instant alert for this story goes to this subscriber. A story with no topic or region
    /// (a global story) matches every preference of that kind.
    /// </summary>
    public bool WantsInstant(IReadOnlyList<string> topics, IReadOnlyList<string> regions) =>
        Status == SubscriberStatus.Active
        && Cadence == Cadence.Instant
        && Overlaps(Topics, topics)
        && Overlaps(Regions, regions);

    /// <summary>Whether a story with these topics and regions belongs in this subscriber's daily digest.</summary>
    public bool WantsInDigest(IReadOnlyList<string> topics, IReadOnlyList<string> regions) =>
        Status == SubscriberStatus.Active
        && Cadence == Cadence.DailyDigest
        && Overlaps(Topics, topics)
        && Overlaps(Regions, regions);

    private static bool Overlaps(IReadOnlyList<string> wanted, IReadOnlyList<string> present) =>
        wanted.Count == 0 || present.Count == 0 || wanted.Intersect(present, StringComparer.OrdinalIgnoreCase).Any();
}
