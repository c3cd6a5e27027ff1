using CampaignFlow.Subscribers;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web;

/// <summary>
/// The language of a page nobody has told us about yet (the public form, a link that is not valid): <c>?lang=</c>,
/// then the browser's <c>Accept-Language</c> by quality, then English. Pages for a known subscriber use their language.
/// </summary>
public static class PageLanguage
{
    public static string Of(HttpRequest request)
    {
        if (request.Query["lang"].FirstOrDefault() is { } asked && Languages.IsSupported(asked))
        {
            return Languages.Normalize(asked);
        }
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Select((value, order) => (Tag: value.Value.Value ?? "", Quality: value.Quality ?? 1, order))
            .Where(a => a.Quality > 0)
            .OrderByDescending(a => a.Quality).ThenBy(a => a.order)
            // "nb-NO" → "nb" → no; "fr-CA" → fr.
            .Select(a => a.Tag.Split('-', 2)[0])
            .FirstOrDefault(Languages.IsSupported);
        return Languages.Normalize(accepted);
    }
}
