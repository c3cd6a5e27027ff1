namespace CampaignFlow.Delivery;

/// <summary>One recipient of an <see cref="EmailBatch"/>: their address, their own links (substitutions) and headers.</summary>
public sealed record BatchRecipient
{
    public required string To { get; init; }
    public string? ToName { get; init; }
    /// <summary>Tag → value, applied to subject and bodies; values are URL-safe (no markup), so they need no escaping.</summary>
    public IReadOnlyDictionary<string, string> Substitutions { get; init; } = new Dictionary<string, string>();
    /// <summary>Per-recipient headers (their own List-Unsubscribe URL).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>A short, file-name-safe name for this recipient's copy (story and recipient ids).</summary>
    public required string Reference { get; init; }
}
