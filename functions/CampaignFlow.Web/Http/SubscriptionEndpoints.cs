using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CampaignFlow.Web.Http;

/// <summary>
/// Maps the public endpoints under <c>/api</c> onto a minimal API, as the Functions app's HTTP triggers route them
/// (same paths, same methods): the local host's Kestrel.
/// </summary>
public static class SubscriptionEndpoints
{
    /// <summary>Pages answer HEAD as GET (Kestrel sends the headers only).</summary>
    private static readonly string[] PageMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapCampaignFlowEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapMethods("/subscribe", PageMethods, (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.SubscribeFormAsync(r, ct));
        api.MapPost("/subscribe", (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.SubscribeAsync(r, ct)).DisableAntiforgery();
        api.MapMethods("/confirm", PageMethods, (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.ConfirmPageAsync(r, ct));
        api.MapPost("/confirm", (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.ConfirmAsync(r, ct)).DisableAntiforgery();
        api.MapMethods("/preferences", PageMethods, (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.PreferencesPageAsync(r, ct));
        api.MapPost("/preferences", (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.PreferencesAsync(r, ct)).DisableAntiforgery();
        api.MapMethods("/unsubscribe", PageMethods, (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.UnsubscribePageAsync(r, ct));
        api.MapPost("/unsubscribe", (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.UnsubscribeAsync(r, ct)).DisableAntiforgery();
        api.MapMethods("/link", PageMethods, (HttpRequest r, SubscriptionHttp h) => h.FreshLinkFormAsync(r));
        api.MapPost("/link", (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.FreshLinkAsync(r, ct)).DisableAntiforgery();
        // Anything else under /api, and any other page of the local host: the friendly 404 (mapped routes win over these).
        api.MapMethods("/{**path}", PageMethods, (HttpRequest r) => SubscriptionHttp.NotFoundAsync(r));
        app.MapMethods("/{**path}", PageMethods, (HttpRequest r) => SubscriptionHttp.NotFoundAsync(r));
        api.MapPost("/sendgrid/events", (HttpRequest r, SubscriptionHttp h, CancellationToken ct) => h.SendGridEventsAsync(r, ct)).DisableAntiforgery();
        return app;
    }
}
