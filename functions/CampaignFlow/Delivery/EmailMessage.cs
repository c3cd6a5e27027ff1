namespace CampaignFlow.Delivery;

/// <summary>One composed email to one recipient: both bodies, list headers, and tracking tags without personal data.</summary>
public sealed record EmailMessage
{
    public required string To { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>Ids for correlating SendGrid events (story id, rule version): never an address.</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
    /// <summary>A short, file-name-safe name for the message (story and recipient ids).</summary>
    public required string Reference { get; init; }
}
