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

    /// <summary>The language of the feed's stories (en, no, fr, es).</summary>
    public string Language { get; set; } = "en";

    public bool Enabled { get; set; } = true;
}
