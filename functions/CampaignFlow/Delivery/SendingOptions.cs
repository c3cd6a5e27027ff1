using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Delivery;

/// <summary>The kill switch and its automatic trigger (setting section <c>Sending</c>).</summary>
public sealed class SendingOptions
{
    public const string SectionName = "Sending";

    /// <summary><c>Sending__Paused</c>: true stops all sending; deliveries wait on their queue and nothing is lost.</summary>
    public bool Paused { get; set; }

    /// <summary><c>Sending__SpamReportsToPause</c>: this many spam reports within an hour pause sending automatically.</summary>
    [Range(1, 100_000)]
    public int SpamReportsToPause { get; set; } = 10;

    /// <summary>The default of <see cref="PausedRetryDelay"/>.</summary>
    public static readonly TimeSpan DefaultPausedRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary><c>Sending__PausedRetryDelay</c>: how long a paused delivery waits before it looks again (5 min; the fault bench uses seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PausedRetryDelay { get; set; } = DefaultPausedRetryDelay;
}
