using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: "Enter your address and we will send you a fresh link" (GET the form, POST the address).</summary>
public sealed class FreshLink(SubscriptionHttp handlers)
{
    [Function(nameof(FreshLink))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/link")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? handlers.FreshLinkFormAsync(request) : handlers.FreshLinkAsync(request, cancellationToken);
}
