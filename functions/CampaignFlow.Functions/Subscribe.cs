using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: Sign-up form (GET) and double opt-in sign-up (POST, form or JSON).</summary>
public sealed class Subscribe(SubscriptionHttp handlers)
{
    [Function(nameof(Subscribe))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/subscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? handlers.SubscribeFormAsync(request, cancellationToken) : handlers.SubscribeAsync(request, cancellationToken);
}
