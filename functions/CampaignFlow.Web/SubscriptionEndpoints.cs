using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using CampaignFlow.Web;

namespace CampaignFlow.Web;

/// <summary>Maps the public endpoints under <c>/api</c> (the Functions HTTP routes) onto a minimal API: the local host's Kestrel.</summary>
public static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapCampaignFlowEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/subscribe", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.SubscribeFormAsync(r, ct));
        api.MapPost("/subscribe", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.SubscribeAsync(r, ct)).DisableAntiforgery();
        api.MapGet("/confirm", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.ConfirmPageAsync(r, ct));
        api.MapPost("/confirm", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.ConfirmAsync(r, ct)).DisableAntiforgery();
        api.MapGet("/preferences", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.PreferencesPageAsync(r, ct));
        api.MapPost("/preferences", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.PreferencesAsync(r, ct)).DisableAntiforgery();
        api.MapGet("/unsubscribe", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.UnsubscribePageAsync(r, ct));
        api.MapPost("/unsubscribe", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.UnsubscribeAsync(r, ct)).DisableAntiforgery();
        api.MapPost("/sendgrid/events", (HttpRequest r, SubscriptionHandlers h, CancellationToken ct) => h.SendGridEventsAsync(r, ct)).DisableAntiforgery();
        return app;
    }
}
