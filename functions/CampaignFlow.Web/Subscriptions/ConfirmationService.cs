using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// The second step of the double opt-in. Confirming applies the choices signed into the link. A link cannot undo a later
/// change of mind: one issued before the subscriber unsubscribed (or before records carried that time, for an
/// unsubscribed address) is refused, and a suppressed address is never re-activated. Becoming active sends the welcome
/// mail with the preference centre link.
/// </summary>
public sealed class ConfirmationService(
    ISubscriberStore store, ConfirmationLinks links, AlertComposer composer, IEmailSender sender, TimeProvider clock, ILogger<ConfirmationService> logger)
{
    public async Task<ConfirmOutcome> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (request, subscriber) = await UsableAsync(token, cancellationToken);
        return request is null ? new(ConfirmResult.Invalid) : new(ConfirmResult.Ask, request.Choices?.Language ?? subscriber?.Language);
    }

    public async Task<ConfirmOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (request, subscriber) = await UsableAsync(token, cancellationToken);
        if (request is null || subscriber is null)
        {
            return new(ConfirmResult.Invalid);
        }
        if (subscriber.Status != SubscriberStatus.Active)
        {
            var now = clock.GetUtcNow();
            subscriber = (request.Choices?.ApplyTo(subscriber) ?? subscriber) with
            {
                Status = SubscriberStatus.Active,
                StatusReason = null,
                StatusChangedAt = now,
                ConsentAt = now,
                ConsentSource = "web form, double opt-in confirmed by email link",
            };
            await store.UpsertAsync(subscriber, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} confirmed", subscriber.Id);
            // Once, on becoming active: a confirm link pressed again finds the subscriber active and sends nothing.
            await sender.SendAsync(await composer.ComposeWelcomeAsync(subscriber, cancellationToken), cancellationToken);
        }
        return new(ConfirmResult.Confirmed, subscriber.Language, composer.PreferencesUrl(subscriber));
    }

    private async Task<(ConfirmRequest? Request, Subscriber? Subscriber)> UsableAsync(string? token, CancellationToken cancellationToken)
    {
        var request = links.Read(token);
        var subscriber = request is null ? null : await store.GetAsync(request.SubscriberId, cancellationToken);
        var usable = subscriber?.Status switch
        {
            SubscriberStatus.Pending or SubscriberStatus.Active => true,
            SubscriberStatus.Unsubscribed => request!.IssuedAt is { } issued && (subscriber.StatusChangedAt is not { } changed || issued > changed),
            _ => false,
        };
        return usable ? (request, subscriber) : (null, null);
    }
}
