using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CampaignFlow.Feeds;

namespace CampaignFlow.Tests.Feeds;

/// <summary>One line of manifest.jsonl, and how its path maps onto the feed model.</summary>
internal sealed partial record ConformanceCheck(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("expected")] string Expected,
    [property: JsonPropertyName("bozo")] bool Bozo,
    [property: JsonPropertyName("content_type")] string? ContentType)
{
    /// <summary>Whether the outcome of parsing meets this check, and what was seen instead.</summary>
    public (bool Passed, string? Actual) Evaluate(ParsedFeed? feed, FeedParseException? error)
    {
        if (Path == "bozo")
        {
            var bozo = error is not null || feed!.Warnings.Count > 0;
            var actual = bozo ? "true" : "false";
            return (actual == Expected, error?.Message ?? string.Join(" | ", feed!.Warnings));
        }
        if (feed is null)
        {
            return (false, "error: " + error!.Message);
        }
        var value = Select(feed);
        return (value is not null && value.Trim() == Expected.Trim(), value);
    }

    private string? Select(ParsedFeed feed)
    {
        var m = PathPattern().Match(Path);
        if (!m.Success)
        {
            throw new InvalidOperationException($"unknown manifest path {Path}");
        }
        var field = m.Groups["field"].Value;
        int? author = m.Groups["author"].Success ? int.Parse(m.Groups["author"].Value, CultureInfo.InvariantCulture) : null;
        if (m.Groups["entry"].Success)
        {
            var index = int.Parse(m.Groups["entry"].Value, CultureInfo.InvariantCulture);
            if (index >= feed.Items.Count)
            {
                return null;
            }
            var item = feed.Items[index];
            return author is { } k ? (k < item.Authors.Count ? item.Authors[k] : null) : field switch
            {
                "title" => item.Title,
                "link" => item.Link,
                "id" => item.Id,
                "summary" => item.Summary,
                "author" => item.Author,
                "updated" => Date(item.Updated),
                "published" => Date(item.Published),
                _ => throw new InvalidOperationException($"unknown manifest path {Path}"),
            };
        }
        return author is { } a ? (a < feed.Authors.Count ? feed.Authors[a] : null) : field switch
        {
            "title" => feed.Title,
            "link" => feed.Link,
            "id" => feed.Id,
            "author" => feed.Author,
            "updated" => Date(feed.Updated),
            "published" => Date(feed.Published),
            _ => throw new InvalidOperationException($"unknown manifest path {Path}"),
        };
    }

    private static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:feed|entries\[(?<entry>\d+)\])\.(?:authors\[(?<author>\d+)\]\.name|(?<field>\w+))$")]
    private static partial Regex PathPattern();
}
