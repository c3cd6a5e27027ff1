using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartReader;

namespace CampaignFlow.Feeds;

/// <summary>
/// Fetches an article page and extracts its main text with SmartReader (a port of Mozilla's Readability).
/// Only from the feed's own host or the configured allow-list, never from private or local addresses,
/// within a size and time limit (a larger page is cut at the limit).
/// </summary>
public sealed class ArticleFetcher(HttpClient http, IOptionsMonitor<FeedOptions> options, ILogger<ArticleFetcher> logger)
{
    private const int MaxRedirects = 3;

    /// <summary>The article's main text, or null when it may not or could not be fetched.</summary>
    public async Task<string?> FetchTextAsync(FeedSource source, string link, CancellationToken cancellationToken = default)
    {
        var articles = options.CurrentValue.Articles;
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            return null;
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(articles.Timeout);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (!IsAllowed(source, uri, articles))
            {
                logger.LogInformation("Not fetching an article of feed {Feed} from host {Host}: not the feed's host or an allowed one", source.Name, uri.Host);
                return null;
            }
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                uri = new Uri(uri, location);
                continue;
            }
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType is not ("text/html" or "application/xhtml+xml"))
            {
                return null;
            }
            var (bytes, cut) = await ReadCutAsync(response.Content, articles.MaxBytes, limit.Token);
            if (cut)
            {
                logger.LogInformation("Article of feed {Feed} is larger than {MaxBytes} bytes; reading the first part only", source.Name, articles.MaxBytes);
            }
            var html = Encoding(response).GetString(bytes);
            // The (uri, text) constructor parses the given text; Reader.ParseArticle(uri, string) would download the uri itself.
            var article = new Reader(uri.AbsoluteUri, html).GetArticle();
            var text = article.IsReadable ? article.TextContent?.Trim() : null;
            return string.IsNullOrEmpty(text) ? null : text;
        }
        return null;
    }

    /// <summary>http(s) only, and only the feed's host or an allowed host.</summary>
    public static bool IsAllowed(FeedSource source, Uri article, ArticleOptions articles)
    {
        if (article.Scheme is not ("http" or "https"))
        {
            return false;
        }
        var feedHost = Uri.TryCreate(source.Url, UriKind.Absolute, out var feed) && !feed.IsFile ? feed.Host : null;
        return string.Equals(article.Host, feedHost, StringComparison.OrdinalIgnoreCase)
            || articles.AllowedHosts.Contains(article.Host, StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<(byte[] Bytes, bool Cut)> ReadCutAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(maxBytes, content.Headers.ContentLength ?? maxBytes) + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        var cut = total > maxBytes;
        return (buffer.AsSpan(0, (int)Math.Min(total, maxBytes)).ToArray(), cut);
    }

    private static Encoding Encoding(HttpResponseMessage response)
    {
        try
        {
            return response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset
                ? System.Text.Encoding.GetEncoding(charset.Trim('"'))
                : System.Text.Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return System.Text.Encoding.UTF8;
        }
    }
}
