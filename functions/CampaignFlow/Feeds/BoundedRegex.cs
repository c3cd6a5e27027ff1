using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CampaignFlow.Feeds;

/// <summary>Regular expressions from configuration, run without backtracking and with a timeout, compiled once.</summary>
public static class BoundedRegex
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly ConcurrentDictionary<string, Regex> Cache = new();

    /// <summary>The match, or null when there is none or the pattern ran out of time.</summary>
    public static Match? Match(string pattern, string input)
    {
        var regex = Cache.GetOrAdd(pattern, p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout));
        try
        {
            var match = regex.Match(input);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
