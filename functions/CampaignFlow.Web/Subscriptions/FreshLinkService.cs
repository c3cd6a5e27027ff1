using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// The fallback behind every broken or expired link: "enter your address and we will send you a fresh link". Whatever
/// the address, the answer is the same, so it reveals nothing about who is subscribed; only the mailbox learns. An active
/// subscriber gets their preference centre and unsubscribe links, a pending one a new confirmation link with the choices
/// they made; anyone else, nothing. Counted per client network (every valid-looking request) and per address (a mailbox
/// gets at most <see cref="PerAddressPerDay"/> such mails a day, silently).
/// </summary>
public sealed class FreshLinkService(
    ISubscriberStore store,
    IRateLimiter limiter,
    ConfirmationLinks links,
    AlertComposer composer,
    IEmailSender sender,
    ILogger<FreshLinkService> logger)
{
    public const int PerNetworkPerHour = 10;
    public const int PerAddressPerDay = 3;

    public async Task<FreshLinkResult> SendAsync(string? email, string network, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryNormalize(email, out var address) || !EmailAddress.HasDottedDomain(address))
        {
            return FreshLinkResult.InvalidEmail;
        }
        try
        {
            if (!await limiter.TryAcquireAsync("link-ip:" + network, PerNetworkPerHour, TimeSpan.FromHours(1), cancellationToken))
            {
                return FreshLinkResult.TooManyFromNetwork;
            }
            var id = EmailAddress.Key(address);
            if (await limiter.TryAcquireAsync("link-address:" + id, PerAddressPerDay, TimeSpan.FromDays(1), cancellationToken))
            {
                await SendToAsync(id, cancellationToken);
            }
            return FreshLinkResult.Answered;
        }
        catch (RateLimitUnavailableException)
        {
            return FreshLinkResult.Unavailable;
        }
    }

    private async Task SendToAsync(string id, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(id, cancellationToken);
        switch (subscriber?.Status)
        {
            case SubscriberStatus.Active:
                await sender.SendAsync(await composer.ComposeFreshLinksAsync(subscriber, cancellationToken), cancellationToken);
                logger.LogInformation("Fresh links sent to {SubscriberId}", id);
                break;
            case SubscriberStatus.Pending:
                var url = links.Url(links.Token(id, ConfirmedChoices.Of(subscriber)));
                await sender.SendAsync(await composer.ComposeConfirmationAsync(subscriber.Email, id, subscriber.Language, url, cancellationToken), cancellationToken);
                logger.LogInformation("Fresh confirmation link sent to {SubscriberId}", id);
                break;
            default:
                // Unknown, unsubscribed or suppressed: no mail; the visitor is told the same as everyone.
                break;
        }
    }
}
