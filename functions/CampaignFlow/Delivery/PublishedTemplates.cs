namespace CampaignFlow.Delivery;

/// <summary>
/// The blob <c>templates publish</c> writes: every template file of the folder in one JSON document, so a publish
/// replaces the whole set at once (no reader ever sees a new text part beside an old HTML part).
/// </summary>
public sealed record PublishedTemplates
{
    public int V { get; init; } = 1;
    public DateTimeOffset PublishedAt { get; init; }
    /// <summary>File name (<c>alert.fr.html</c>) → content.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}
