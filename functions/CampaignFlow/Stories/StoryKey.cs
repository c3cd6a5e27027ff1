using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Feeds;

namespace CampaignFlow.Stories;

/// <summary>Derives the stable ledger key of a feed item, so reordering or re-publication never makes it new.</summary>
public static class StoryKey
{
    public static string For(FeedItem item)
    {
        var identity = !string.IsNullOrWhiteSpace(item.Id) ? "id:" + item.Id.Trim()
            : !string.IsNullOrWhiteSpace(item.Link) ? "link:" + Canonical(item.Link)
            : "text:" + item.Title + "\n" + item.Summary;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The key of an item's version in <paramref name="language"/> when another language's item has the same identity.</summary>
    public static string ForLanguage(string key, string? language) => key + "-" + (language ?? "und").ToLowerInvariant();

    /// <summary>Scheme and host lower-cased, fragment and trailing slash dropped.</summary>
    private static string Canonical(string link) =>
        Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped).TrimEnd('/').ToLowerInvariant()
            : link.Trim();
}
