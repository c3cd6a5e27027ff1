using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>
/// HTTP: the friendly 404 for any other address under /api (a catch-all route: the host's routing prefers every
/// literal route of the other functions over it).
/// </summary>
public sealed class PageNotFound
{
    [Function(nameof(PageNotFound))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path}")] HttpRequest request) =>
        SubscriptionHttp.NotFoundAsync(request);
}
