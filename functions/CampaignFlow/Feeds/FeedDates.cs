using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignFlow.Feeds;

/// <summary>
/// Dates as feeds write them, normalised to UTC: ISO 8601 / W3CDTF, RFC 822 with the usual
/// sloppiness (no day name, no seconds, two-digit years, full names, named zones), and the
/// Norwegian ministry's <c>dd/MM/yyyy</c>. A value without a zone is taken as UTC.
/// </summary>
internal static partial class FeedDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5 * 60, ["EDT"] = -4 * 60, ["CST"] = -6 * 60, ["CDT"] = -5 * 60,
        ["MST"] = -7 * 60, ["MDT"] = -6 * 60, ["PST"] = -8 * 60, ["PDT"] = -7 * 60,
        ["AKST"] = -9 * 60, ["AKDT"] = -8 * 60, ["HST"] = -10 * 60, ["AST"] = -4 * 60, ["ADT"] = -3 * 60,
        ["BST"] = 60, ["WEST"] = 60, ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["JST"] = 9 * 60, ["KST"] = 9 * 60,
        ["AEST"] = 10 * 60, ["AEDT"] = 11 * 60, ["NZST"] = 12 * 60, ["NZDT"] = 13 * 60,
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        if (text.Length > 100)
        {
            return null; // no date is this long; do not spend time on it
        }
        return Norwegian(text) ?? Iso(text) ?? Rfc822(text) ?? Fallback(text);
    }

    private static DateTimeOffset? Norwegian(string text)
    {
        var m = SlashDate().Match(text);
        if (!m.Success)
        {
            return null;
        }
        return Build(Int(m.Groups[3]), Int(m.Groups[2]), Int(m.Groups[1]),
            m.Groups[4].Success ? Int(m.Groups[4]) : 0, m.Groups[5].Success ? Int(m.Groups[5]) : 0,
            m.Groups[6].Success ? Int(m.Groups[6]) : 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset? Iso(string text)
    {
        var m = IsoDate().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var fraction = 0.0;
        if (m.Groups["f"].Success)
        {
            fraction = double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture);
        }
        var offset = TimeSpan.Zero;
        if (m.Groups["z"].Success)
        {
            var zone = m.Groups["z"].Value;
            if (zone[0] is '+' or '-')
            {
                var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
                offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
            }
        }
        return Build(Int(m.Groups["y"]), m.Groups["mo"].Success ? Int(m.Groups["mo"]) : 1, m.Groups["d"].Success ? Int(m.Groups["d"]) : 1,
            m.Groups["h"].Success ? Int(m.Groups["h"]) : 0, m.Groups["mi"].Success ? Int(m.Groups["mi"]) : 0,
            m.Groups["s"].Success ? Int(m.Groups["s"]) : 0, fraction, offset);
    }

    private static DateTimeOffset? Rfc822(string text)
    {
        var normalised = DashBetween().Replace(text.Replace(',', ' '), " ");
        int? day = null, month = null, year = null, hour = null, minute = null, second = null;
        TimeSpan? offset = null;
        foreach (var raw in normalised.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim('(', ')', '.');
            if (token.Length == 0)
            {
                continue;
            }
            var time = Time().Match(token);
            if (time.Success && hour is null)
            {
                hour = Int(time.Groups[1]);
                minute = Int(time.Groups[2]);
                second = time.Groups[3].Success ? Int(time.Groups[3]) : 0;
                if (time.Groups[4].Length > 0 && Zone(time.Groups[4].Value) is { } attached)
                {
                    offset = attached;
                }
                continue;
            }
            if (char.IsLetter(token[0]))
            {
                var lower = token.ToLowerInvariant();
                var monthIndex = lower.Length >= 3 ? Array.IndexOf(Months, lower[..3]) : -1;
                if (monthIndex >= 0 && month is null && !Zones.ContainsKey(token))
                {
                    month = monthIndex + 1;
                }
                else if (offset is null && Zone(token) is { } named)
                {
                    offset = named;
                }
                else if (lower.Length >= 3 && Array.IndexOf(Days, lower[..3]) >= 0)
                {
                    // day name: carries nothing
                }
                continue;
            }
            if (token[0] is '+' or '-')
            {
                if (offset is null && Zone(token) is { } numeric)
                {
                    offset = numeric;
                }
                continue;
            }
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }
            if (token.Length == 4 && year is null)
            {
                year = number;
            }
            else if (token.Length <= 2 && day is null)
            {
                day = number;
            }
            else if (token.Length <= 2 && year is null)
            {
                year = number < 50 ? 2000 + number : 1900 + number;
            }
        }
        if (day is null || month is null || year is null)
        {
            return null;
        }
        return Build(year.Value, month.Value, day.Value, hour ?? 0, minute ?? 0, second ?? 0, 0, offset ?? TimeSpan.Zero);
    }

    private static TimeSpan? Zone(string token)
    {
        if (Zones.TryGetValue(token, out var minutes))
        {
            return TimeSpan.FromMinutes(minutes);
        }
        var m = NumericZone().Match(token);
        if (!m.Success)
        {
            return null;
        }
        var hours = Int(m.Groups[2]);
        var mins = m.Groups[3].Success ? Int(m.Groups[3]) : 0;
        if (hours > 14 || mins > 59)
        {
            return null;
        }
        var span = new TimeSpan(hours, mins, 0);
        return m.Groups[1].Value == "-" ? -span : span;
    }

    private static DateTimeOffset? Fallback(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : null;

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, double fraction, TimeSpan offset)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60)
        {
            return null;
        }
        var extra = TimeSpan.Zero;
        if (hour == 24)
        {
            hour = 0;
            extra += TimeSpan.FromDays(1);
        }
        if (second == 60)
        {
            second = 59;
            extra += TimeSpan.FromSeconds(1);
        }
        try
        {
            var local = new DateTimeOffset(year, month, day, hour, minute, second, offset) + extra + TimeSpan.FromSeconds(fraction);
            return local.ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^(?<y>\d{4})(?:-?(?<mo>\d{2})(?:-?(?<d>\d{2}))?)?(?:[T ](?<h>\d{2}):?(?<mi>\d{2})(?::?(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?)?\s*(?<z>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(.*)$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^(?:GMT|UTC|UT)?([+-])(\d{1,2}):?(\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex NumericZone();

    [GeneratedRegex(@"(?<=\d)-(?=[A-Za-z])|(?<=[A-Za-z])-(?=\d)")]
    private static partial Regex DashBetween();
}
