namespace CampaignFlow.Feeds;

/// <summary>
/// Keeps an item when it matches every rule that is set: its publisher (dc:creator/author) contains one of
/// <see cref="Publishers"/> (case-insensitive), and its link matches <see cref="LinkPattern"/>.
/// </summary>
public sealed class FeedFilter
{
    public List<string> Publishers { get; set; } = [];

    /// <summary>A regular expression on the item link (run without backtracking and with a timeout).</summary>
    public string? LinkPattern { get; set; }

    public bool IsEmpty => Publishers.Count == 0 && string.IsNullOrWhiteSpace(LinkPattern);
}
