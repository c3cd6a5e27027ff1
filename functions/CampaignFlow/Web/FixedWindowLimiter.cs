using System.Collections.Concurrent;

namespace CampaignFlow.Web;

/// <summary>
/// Counts hits per key in fixed windows (per instance, in memory): enough to stop a bot hammering one form from one
/// address; a scaled-out app multiplies the limit by its instance count.
/// </summary>
public sealed class FixedWindowLimiter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (long Window, int Count)> _hits = new();

    /// <summary>Counts a hit; false once <paramref name="limit"/> hits were seen in the current window.</summary>
    public bool TryAcquire(string key, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
        var entry = _hits.AddOrUpdate(key, _ => (now, 1), (_, e) => e.Window == now ? (now, e.Count + 1) : (now, 1));
        if (_hits.Count > 100_000)
        {
            foreach (var stale in _hits.Where(h => h.Value.Window != now).Select(h => h.Key).ToList())
            {
                _hits.TryRemove(stale, out _);
            }
        }
        return entry.Count <= limit;
    }
}
