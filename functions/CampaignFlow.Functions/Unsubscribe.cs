using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: GET shows a confirming page; POST with List-Unsubscribe=One-Click unsubscribes at once (RFC 8058).</summary>
public sealed class Unsubscribe(SubscriptionHttp handlers)
{
    [Function(nameof(Unsubscribe))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/unsubscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? handlers.UnsubscribePageAsync(request, cancellationToken) : handlers.UnsubscribeAsync(request, cancellationToken);
}
