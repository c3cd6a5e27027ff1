using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Feeds;

/// <summary>Fetches a feed over HTTP with a conditional GET (ETag, Last-Modified), or reads it from a file path.</summary>
public sealed class FeedFetcher(HttpClient http, IOptionsMonitor<FeedOptions> options, TimeProvider clock)
{
    public async Task<FeedDocument> FetchAsync(FeedSource source, string? etag, string? lastModified, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            var path = uri?.LocalPath ?? Path.GetFullPath(source.Url);
            return new FeedDocument(await File.ReadAllBytesAsync(path, cancellationToken), null, null, null, null);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FeedDocument(null, null, uri, etag, lastModified);
        }
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RetryAfter.Until(response, clock.GetUtcNow()) is { } until)
        {
            throw new FeedThrottledException((int)response.StatusCode, until);
        }
        response.EnsureSuccessStatusCode();
        var settings = options.CurrentValue;
        var content = await LimitedContent.ReadAsync(response.Content, settings.MaxFeedBytes, settings.TotalRequestTimeout, cancellationToken)
            ?? throw new InvalidDataException($"the feed is larger than {settings.MaxFeedBytes} bytes");
        return new FeedDocument(
            content,
            response.Content.Headers.ContentType?.ToString(),
            response.RequestMessage?.RequestUri ?? uri,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"));
    }
}
