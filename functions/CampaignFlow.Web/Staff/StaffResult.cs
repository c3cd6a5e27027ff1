using CampaignFlow.Web.Http;
using CampaignFlow.Web.Pages.Staff;
using RulesAssets = CampaignFlow.Web.Pages.Staff.Rules.RulesAssets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignFlow.Web.Staff;

/// <summary>Every staff answer — page, redirect, refusal — with the subscriber pages' security headers and the console's own style policy.</summary>
/// <remarks>
/// <paramref name="contentSecurityPolicy"/> replaces the console's policy (the email preview's own document);
/// <paramref name="framedByConsole"/> lets the console's pages show this answer in a frame (X-Frame-Options SAMEORIGIN).
/// </remarks>
public sealed class StaffResult(IResult inner, string? contentSecurityPolicy = null, bool framedByConsole = false) : IResult
{
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {StaffStyle.CspSource} {RulesAssets.StyleSource}; script-src {RulesAssets.ScriptSource}; connect-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// An email as a subscriber's mail client shows it, in the console's frame: its inline styles and https images, no
    /// script, no form, no navigation of the console (sandbox).
    /// </summary>
    public static string EmailPolicy { get; } =
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";

    public IResult Inner => inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        SecurityHeaders.Apply(httpContext.Response, contentSecurityPolicy ?? ContentSecurityPolicy);
        if (framedByConsole)
        {
            httpContext.Response.Headers.XFrameOptions = "SAMEORIGIN";
        }
        return inner.ExecuteAsync(httpContext);
    }

    /// <summary>A console page: a Razor component rendered on the server.</summary>
    public static StaffResult Page<TComponent>(object parameters, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(new RazorComponentResult<TComponent>(parameters) { StatusCode = statusCode });

    /// <summary>After a POST, back to a page with GET (so a reload does not post again).</summary>
    public static StaffResult SeeOther(string path) => new(new SeeOtherResult(path));

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
