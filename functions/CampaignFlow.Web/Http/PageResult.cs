using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignFlow.Web.Http;

/// <summary>A server-rendered Razor component page with <see cref="SecurityHeaders"/>, in either host.</summary>
public sealed class PageResult<TComponent>(object parameters, int statusCode = StatusCodes.Status200OK) : IResult
    where TComponent : IComponent
{
    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        SecurityHeaders.Apply(httpContext.Response);
        return new RazorComponentResult<TComponent>(parameters) { StatusCode = statusCode }.ExecuteAsync(httpContext);
    }
}
