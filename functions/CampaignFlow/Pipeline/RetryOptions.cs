using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Pipeline;

/// <summary>
/// Back-off of transient stage failures (setting section <c>Retry</c>): a message whose stage failed (SendGrid 5xx or
/// no answer, a storage timeout …) is put back on its queue invisible for <see cref="FirstDelay"/>, then twice as long
/// each time, up to <see cref="MaxDelay"/>. It is poisoned only when it fails again after a wait at the ceiling, so an
/// outage of up to about twice the ceiling (8 h with the defaults) loses nothing.
/// </summary>
public sealed class RetryOptions
{
    public const string SectionName = "Retry";

    /// <summary><c>Retry__FirstDelay</c>: the wait after the first transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Retry__MaxDelay</c>: the ceiling of one wait (a queue message can be hidden for at most 7 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "6.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The wait before retry <paramref name="retry"/> (0 = the first), or null once a wait at the ceiling has failed too.</summary>
    public TimeSpan? DelayBefore(int retry)
    {
        if (retry < 0)
        {
            retry = 0;
        }
        var previous = retry == 0 ? TimeSpan.Zero : Grow(retry - 1);
        return previous >= MaxDelay ? null : Grow(retry);
    }

    private TimeSpan Grow(int retry)
    {
        // Doubling past 2^30 would overflow; far beyond any ceiling anyway.
        var factor = Math.Pow(2, Math.Min(retry, 30));
        var ticks = FirstDelay.Ticks * factor;
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
