using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Feeds;

/// <summary>The feeds to poll (setting section <c>Feeds</c>).</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    [Required, MinLength(1)]
    public List<FeedSource> Sources { get; set; } = [];

    /// <summary>Project name and contact, sent as the User-Agent of every request.</summary>
    [Required]
    public string UserAgent { get; set; } = "CampaignFlow/1.0 (+https://github.com/campaignflow; alerts for the Cluster Munition Coalition)";
}
