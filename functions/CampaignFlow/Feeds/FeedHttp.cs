using System.Net;
using Microsoft.Extensions.Http.Resilience;

namespace CampaignFlow.Feeds;

/// <summary>The feed client's resilience settings: short Retry-Afters are waited out, long ones end the poll (the feed is skipped until then).</summary>
public static class FeedHttp
{
    public static void Configure(HttpStandardResilienceOptions resilience, FeedOptions feeds, TimeProvider clock)
    {
        resilience.AttemptTimeout.Timeout = feeds.RequestTimeout;
        resilience.TotalRequestTimeout.Timeout = feeds.TotalRequestTimeout > feeds.RequestTimeout ? feeds.TotalRequestTimeout : feeds.RequestTimeout * 2;
        var sampling = feeds.RequestTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
        resilience.Retry.MaxRetryAttempts = feeds.MaxRetries;
        resilience.Retry.Delay = feeds.RetryDelay;
        resilience.Retry.MaxDelay = feeds.MaxRetryAfterWait;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !(args.Outcome.Result is { } response && AsksToWaitLong(response, feeds.MaxRetryAfterWait, clock)));
    }

    /// <summary>
    /// The handler to put under the resilience pipeline: decompression and a few redirects, each hop connecting only to
    /// public addresses (<see cref="GuardedConnect"/>; loopback too with <c>Feeds__AllowLoopback</c>, for local development).
    /// </summary>
    public static SocketsHttpHandler PrimaryHandler(FeedOptions feeds)
    {
        var handler = GuardedConnect.Handler(feeds.AllowLoopback);
        handler.AllowAutoRedirect = true;
        handler.MaxAutomaticRedirections = 5;
        return handler;
    }

    private static bool AsksToWaitLong(HttpResponseMessage response, TimeSpan max, TimeProvider clock) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        && RetryAfter.Delay(response, clock.GetUtcNow()) > max;
}
