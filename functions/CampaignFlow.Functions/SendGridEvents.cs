using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: SendGrid's signed Event Webhook; bounces, drops, complaints and unsubscribes suppress the address.</summary>
public sealed class SendGridEvents(SubscriptionHttp handlers)
{
    [Function(nameof(SendGridEvents))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sendgrid/events")] HttpRequest request, CancellationToken cancellationToken) =>
        handlers.SendGridEventsAsync(request, cancellationToken);
}
