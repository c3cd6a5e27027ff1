using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Feeds;

/// <summary>The feeds to poll and how politely (setting section <c>Feeds</c>; app settings <c>Feeds__Key</c>).</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    [Required, MinLength(1)]
    public List<FeedSource> Sources { get; set; } = [];

    /// <summary>Project name and contact, sent as the User-Agent of every request.</summary>
    [Required]
    public string UserAgent { get; set; } = "CampaignFlow/1.0 (+https://github.com/campaignflow; alerts for the Cluster Munition Coalition)";

    /// <summary>
    /// On a feed's first poll (or its first after <see cref="OutageAfter"/>) only items published within this window
    /// before now are alerted; older ones are recorded as seen. Zero turns the window off. Overridable per feed.
    /// </summary>
    public TimeSpan FirstPollWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A feed whose last successful poll is older than this is treated like a new one (see <see cref="FirstPollWindow"/>).</summary>
    public TimeSpan OutageAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Default minimum time between two polls of one feed; zero polls on every timer tick. Overridable per feed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of a whole request, retries included.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential retry backoff (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A 429/503 whose Retry-After is at most this is retried after waiting that long; a longer one ends the poll and the
    /// feed is skipped until the time the server asked for.
    /// </summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A feed body larger than this is refused.</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxFeedBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Log a <c>feed.health</c> warning when a feed has failed this many polls in a row.</summary>
    [Range(1, 1000)]
    public int FailureAlertThreshold { get; set; } = 3;

    /// <summary>Log a <c>feed.health</c> warning when a feed's content has not changed for this long.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Default rule linking language versions of one release: a regular expression on the item link whose group
    /// <c>key</c> is the release id (regjeringen.no keeps one page id across its language versions: <c>.../id2581966/</c>).
    /// Empty turns linking off. Overridable per feed.
    /// </summary>
    public string ReleaseKeyPattern { get; set; } = @"/id(?<key>\d+)/?$";

    /// <summary>
    /// Feeds (and their redirects) may be fetched from loopback: for local development only (the local host sets it, for
    /// <c>run --feed http://localhost:…</c>). Private, link-local and other local addresses stay refused either way.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Full-text fetching of articles when a feed carries only a summary.</summary>
    public ArticleOptions Articles { get; set; } = new();
}
