using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Feeds;

/// <summary>How article pages are fetched for full text (settings <c>Feeds__Articles__Key</c>).</summary>
public sealed class ArticleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Hosts articles may be fetched from besides the feed's own host.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    [Range(1024, 64L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 2L * 1024 * 1024;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Only for tests on loopback: allows connecting to loopback, private and link-local addresses.</summary>
    public bool AllowPrivateAddresses { get; set; }
}
