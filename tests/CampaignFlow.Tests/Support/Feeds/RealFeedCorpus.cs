using System.Globalization;
using System.Text.Json;
using CampaignFlow.Cli.Local;
using CampaignFlow.Feeds;

namespace CampaignFlow.Tests.Feeds;

/// <summary>
/// The real-feed corpus (Support/Feeds/RealFeeds, feeds saved from real sites by other feed
/// libraries' test suites, licences in its README) compared field by field with feedparser's
/// reading of the same bytes, recorded in reference.json by record-reference.py.
/// </summary>
internal static class RealFeedCorpus
{
    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tests", "CampaignFlow.Tests", "Support", "Feeds", "RealFeeds");

    public sealed record Difference(string Feed, string Field, int Item, string? Ours, string? Reference);

    public sealed record Outcome(int Feeds, int Items, int Compared, int Agreed, IReadOnlyList<Difference> Differences)
    {
        public double Rate => Compared == 0 ? 0 : (double)Agreed / Compared;
    }

    public static readonly string[] Fields = ["title", "link", "published", "updated"];

    public static Outcome Compare()
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "reference.json")));
        var differences = new List<Difference>();
        int feeds = 0, items = 0, compared = 0, agreed = 0;
        foreach (var feed in reference.RootElement.GetProperty("feeds").EnumerateObject())
        {
            feeds++;
            var expected = feed.Value.GetProperty("items").EnumerateArray().ToList();
            IReadOnlyList<FeedItem> ours;
            try
            {
                ours = FeedParser.Parse(File.ReadAllBytes(Path.Combine(Folder, feed.Name))).Items;
            }
            catch (FeedParseException e)
            {
                ours = [];
                differences.Add(new Difference(feed.Name, "parse", -1, e.Message, null));
            }
            if (ours.Count != expected.Count)
            {
                differences.Add(new Difference(feed.Name, "count", -1, ours.Count.ToString(CultureInfo.InvariantCulture), expected.Count.ToString(CultureInfo.InvariantCulture)));
            }
            var n = Math.Max(ours.Count, expected.Count);
            items += n;
            for (var i = 0; i < n; i++)
            {
                var mine = i < ours.Count ? Values(ours[i]) : null;
                foreach (var field in Fields)
                {
                    compared++;
                    var theirs = i < expected.Count && expected[i].GetProperty(field).ValueKind == JsonValueKind.String ? expected[i].GetProperty(field).GetString() : null;
                    string? value = mine?[field];
                    if (mine is not null && i < expected.Count && string.Equals(value, theirs, StringComparison.Ordinal))
                    {
                        agreed++;
                    }
                    else
                    {
                        differences.Add(new Difference(feed.Name, field, i, value, theirs));
                    }
                }
            }
        }
        return new Outcome(feeds, items, compared, agreed, differences);
    }

    private static Dictionary<string, string?> Values(FeedItem item) => new()
    {
        ["title"] = item.Title,
        ["link"] = item.Link,
        ["published"] = Iso(item.Published),
        ["updated"] = Iso(item.Updated),
    };

    private static string? Iso(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The (feed, field) pairs known to differ, with the reason, from known-differences.json.</summary>
    public static IReadOnlyList<KnownDifference> Known()
    {
        var path = Path.Combine(Folder, "known-differences.json");
        return JsonSerializer.Deserialize<List<KnownDifference>>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    public sealed record KnownDifference(string Feed, string Field, string Class, string Reason);
}
