using CampaignFlow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>HTTP: SendGrid's signed Event Webhook; bounces, drops, complaints and unsubscribes suppress the address.</summary>
public sealed class SendGridEvents(SubscriptionHandlers handlers)
{
    [Function(nameof(SendGridEvents))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/events")] HttpRequest request, CancellationToken cancellationToken) =>
        handlers.SendGridEventsAsync(request, cancellationToken);
}
