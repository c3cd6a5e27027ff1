using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: The confirmation link of the double opt-in: GET shows a button, POST confirms.</summary>
public sealed class Confirm(SubscriptionHttp handlers)
{
    [Function(nameof(Confirm))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/confirm")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? handlers.ConfirmPageAsync(request, cancellationToken) : handlers.ConfirmAsync(request, cancellationToken);
}
