namespace CampaignFlow.Delivery;

/// <summary>
/// The blob <c>templates publish</c> writes: every template file of the folder in one JSON document, so a publish
/// replaces the whole set at once (no reader ever sees a new text part beside an old HTML part).
/// </summary>
public sealed record PublishedTemplates
{
    /// <summary>2: Liquid templates. Version 1 sets (the <c>{{name}}</c>/<c>-unsubscribe_url-</c> syntax before Liquid) are refused.</summary>
    public const int CurrentVersion = 2;

    public int V { get; init; } = CurrentVersion;
    public DateTimeOffset PublishedAt { get; init; }
    /// <summary>File name (<c>alert.fr.html</c>) → content.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}
