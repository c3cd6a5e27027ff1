using CampaignFlow.Feeds;

namespace CampaignFlow.Delivery;

/// <summary>
/// The source line of a mail: a feed's <see cref="FeedSource.DisplayName"/>, else for regjeringen.no the ministry's
/// name in the reader's language, else the feed's host, else its internal name.
/// </summary>
public static class FeedDisplayNames
{
    public static string For(FeedOptions? options, string feed, string? language)
    {
        var source = options?.Sources.FirstOrDefault(s => string.Equals(s.Name, feed, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(source?.DisplayName))
        {
            return source.DisplayName;
        }
        var host = Uri.TryCreate(source?.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host : null;
        if (host?.EndsWith("regjeringen.no", StringComparison.OrdinalIgnoreCase) == true || feed.StartsWith("regjeringen", StringComparison.OrdinalIgnoreCase))
        {
            return LocalizedText.NorwegianForeignMinistry(language);
        }
        return host ?? feed;
    }
}
