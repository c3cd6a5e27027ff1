using CampaignFlow.Web.Http;
using CampaignFlow.Web.Pages.Staff;
using RulesAssets = CampaignFlow.Web.Pages.Staff.Rules.RulesAssets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignFlow.Web.Staff;

/// <summary>Every staff answer — page, redirect, refusal — with the subscriber pages' security headers and the console's own style policy.</summary>
public sealed class StaffResult(IResult inner) : IResult
{
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {StaffStyle.CspSource} {RulesAssets.StyleSource}; script-src {RulesAssets.ScriptSource}; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public IResult Inner => inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        SecurityHeaders.Apply(httpContext.Response, ContentSecurityPolicy);
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
