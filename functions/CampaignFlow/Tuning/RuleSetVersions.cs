using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignFlow.Tuning;

/// <summary>Names for new versions: the console publishes an edit under a version nobody has used.</summary>
public static partial class RuleSetVersions
{
    /// <summary>
    /// <paramref name="current"/> when it is free, else with its last number raised (2026.11.27-1 → 2026.11.27-2) or
    /// "-2" added, never one already taken.
    /// </summary>
    public static string Free(string current, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(current))
        {
            return current;
        }
        var match = Trailing().Match(current);
        var (stem, number) = match.Success
            ? (match.Groups[1].Value, long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) + 1)
            : (current + "-", 2L);
        while (taken.Contains(stem + number.ToString(CultureInfo.InvariantCulture)))
        {
            number++;
        }
        return stem + number.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(.*?)(\d{1,9})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Trailing();
}
