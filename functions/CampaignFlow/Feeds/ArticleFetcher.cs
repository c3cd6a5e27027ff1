using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
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

    /// <summary>Feed and host pairs already reported as not allowed: said once per process, not once per article.</summary>
    private static readonly ConcurrentDictionary<(string Feed, string Host), bool> Refused = new();

    /// <summary>The article's main text and language alternates, or null when it may not or could not be fetched.</summary>
    public async Task<ArticlePage?> FetchAsync(FeedSource source, string link, CancellationToken cancellationToken = default)
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
                if (Refused.TryAdd((source.Name, uri.Host), true))
                {
                    logger.LogInformation(
                        "Not fetching articles of feed {Feed} from host {Host}: not the feed's host or an allowed one (Feeds__Articles__AllowedHosts__N); classifying on the feed's summaries",
                        source.Name, uri.Host);
                }
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
            var document = new HtmlParser().ParseDocument(Encoding(response).GetString(bytes));
            // Read before SmartReader rewrites the document. (Reader.ParseArticle(uri, string) would download the uri itself.)
            var alternates = Alternates(document, uri);
            var article = new Reader(uri.AbsoluteUri, document).GetArticle();
            var text = article.IsReadable ? article.TextContent?.Trim() : null;
            return new ArticlePage(string.IsNullOrEmpty(text) ? null : text, alternates);
        }
        return null;
    }

    /// <summary>The page's other-language versions: <c>&lt;link rel="alternate" hreflang="…" href="…"&gt;</c>.</summary>
    private static IReadOnlyList<string> Alternates(IHtmlDocument document, Uri page) =>
        [.. document.QuerySelectorAll("link[rel=alternate][hreflang][href]")
            .Select(link => Uri.TryCreate(page, link.GetAttribute("href"), out var href) ? href.AbsoluteUri : null)
            .OfType<string>()
            .Where(href => href != page.AbsoluteUri)
            .Distinct()];

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
