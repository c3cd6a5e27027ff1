using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Web.Http;

/// <summary>
/// The ASP.NET Core pipeline the Functions isolated worker runs in front of every HTTP trigger
/// (<c>ConfigureFunctionsWebApplication</c>, Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore): forwarded
/// headers — all of them, one hop (the default limit), trusting only loopback, where the Functions host proxies from —
/// then routing: the front end's entry becomes the connection's address and leaves the header.
/// The local host runs the same, so a client address means the same thing in both; a test checks these options against
/// the ones the worker registers.
/// </summary>
public static class FunctionsWorkerPipeline
{
    public static IServiceCollection AddFunctionsWorkerForwardedHeaders(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.All);

    public static IApplicationBuilder UseFunctionsWorkerMiddleware(this IApplicationBuilder app) =>
        app.UseForwardedHeaders().UseRouting();
}
