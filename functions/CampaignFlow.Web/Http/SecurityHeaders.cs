using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CampaignFlow.Web.Http;

/// <summary>
/// The headers every public page carries: a Content-Security-Policy that allows only the page's own style sheet and
/// forms to itself, in no frame; no Referer (a page URL may carry a token); no MIME sniffing; and no caching anywhere
/// (pages behind a signed link show a person's choices and carry the token in their form).
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {Pages.Shared.PageStyle.CspSource}; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response) => Apply(response, ContentSecurityPolicy);

    /// <summary>The same headers with another page's policy (the staff console has its own style sheet).</summary>
    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
    }
}
