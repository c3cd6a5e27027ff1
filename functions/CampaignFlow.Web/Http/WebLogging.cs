using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Http;

/// <summary>
/// Log categories that would write a request URL — query string, and so a signed token, included — kept at Warning in
/// both hosts: ASP.NET Core hosting ("Request starting GET …/preferences?token=…") and routing, and the HTTP client
/// factory. Our own log lines name subscribers by id only.
/// </summary>
public static class WebLogging
{
    public static IReadOnlyList<string> UrlCategories { get; } = ["Microsoft.AspNetCore", "System.Net.Http.HttpClient"];

    public static ILoggingBuilder AddUrlFreeLogging(this ILoggingBuilder logging)
    {
        foreach (var category in UrlCategories)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }
        return logging;
    }
}
