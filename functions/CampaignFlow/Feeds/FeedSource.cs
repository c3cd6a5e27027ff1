using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Feeds;

/// <summary>One configured feed. Adding a feed is configuration, not code.</summary>
public sealed class FeedSource
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>An http(s) URL, or a file path for local runs and tests.</summary>
    [Required]
    public string Url { get; set; } = "";

    /// <summary>
    /// The name readers see in mails ("Norwegian Ministry of Foreign Affairs"); unset: that name for a regjeringen.no
    /// feed (in the reader's language), else the feed's host.
    /// </summary>
    public string? DisplayName { get; set; }

    /// <summary>The language of the feed's stories (en, no, fr, es).</summary>
    public string Language { get; set; } = "en";

    public bool Enabled { get; set; } = true;

    /// <summary>Minimum time between two polls of this feed; unset uses <see cref="FeedOptions.PollInterval"/>.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Overrides <see cref="FeedOptions.FirstPollWindow"/> for this feed; zero turns the window off.</summary>
    public TimeSpan? FirstPollWindow { get; set; }

    /// <summary>Overrides <see cref="FeedOptions.ReleaseKeyPattern"/> for this feed.</summary>
    public string? ReleaseKeyPattern { get; set; }

    /// <summary>Which of the feed's items to keep (e.g. one ministry's items from the all-ministries feed).</summary>
    public FeedFilter Filter { get; set; } = new();
}
