namespace CampaignFlow.Subscribers;

/// <summary>
/// Counts hits per key in fixed windows, one count shared by every instance of the app, so a scaled-out or restarted
/// app keeps the same limit. Keys may hold personal data (an IP address); implementations never store them as given.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Counts a hit; false once <paramref name="limit"/> hits were counted in the current window of this length.</summary>
    Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);
}
