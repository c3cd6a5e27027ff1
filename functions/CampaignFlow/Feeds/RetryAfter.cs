namespace CampaignFlow.Feeds;

/// <summary>Reads an HTTP Retry-After header (seconds or a date).</summary>
public static class RetryAfter
{
    public static DateTimeOffset? Until(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => null,
        };

    public static TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now) =>
        Until(response, now) is { } until ? until - now : null;
}
