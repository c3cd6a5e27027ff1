using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: Signed preferences link: GET shows the form, POST saves it.</summary>
public sealed class Preferences(SubscriptionHttp handlers)
{
    [Function(nameof(Preferences))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/preferences")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? handlers.PreferencesPageAsync(request, cancellationToken) : handlers.PreferencesAsync(request, cancellationToken);
}
