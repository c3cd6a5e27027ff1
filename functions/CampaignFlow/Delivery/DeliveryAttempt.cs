namespace CampaignFlow.Delivery;

/// <summary>
/// One try at sending one batch: the recipients it claimed in the ledger, and what it found for the others.
/// <see cref="Version"/> is the ledger's concurrency token for the attempt row (fencing).
/// </summary>
public sealed record DeliveryAttempt
{
    public required string StoryId { get; init; }
    public required string AttemptId { get; init; }
    public required int Batch { get; init; }
    public required string Version { get; init; }
    public IReadOnlyList<string> Claimed { get; init; } = [];
    public int AlreadySent { get; init; }
    public IReadOnlyList<string> Busy { get; init; } = [];
    public IReadOnlyList<string> Uncertain { get; init; } = [];
    /// <summary>The attempts that died mid-request holding <see cref="Uncertain"/>: the <c>delivery_attempt</c> custom arg to look up in SendGrid.</summary>
    public IReadOnlyList<string> UncertainAttempts { get; init; } = [];
}
