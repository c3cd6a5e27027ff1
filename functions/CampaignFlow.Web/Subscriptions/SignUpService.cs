using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// Sign-up with double opt-in: honeypot, validation, a limit per client network and per address (counting only sign-ups
/// that pass validation), then a confirmation mail whose
/// signed link carries the choices. An address already on the list keeps its record untouched until its owner confirms;
/// an active one gets an "already subscribed" mail with its preference centre link instead; a suppressed one is never mailed. Every accepted case answers the same, so nobody learns who is subscribed.
/// </summary>
public sealed class SignUpService(
    ISubscriberStore store,
    IRateLimiter limiter,
    ChoiceApplier choices,
    ConfirmationLinks links,
    AlertComposer composer,
    IEmailSender sender,
    ILogger<SignUpService> logger)
{
    public const int PerNetworkPerHour = 10;
    public const int PerAddressPerDay = 3;

    /// <param name="form">What was submitted.</param>
    /// <param name="network">The client's network (<see cref="Http.ClientNetwork"/>): an IPv4 address or an IPv6 /64.</param>
    /// <param name="cancellationToken">Cancels the sign-up.</param>
    public async Task<SignUpOutcome> SubscribeAsync(SignUpForm form, string network, CancellationToken cancellationToken = default)
    {
        var language = Languages.IsSupported(form.Choices.Language) ? Languages.Normalize(form.Choices.Language) : null;
        if (!string.IsNullOrEmpty(form.Honeypot))
        {
            logger.LogInformation("Sign-up ignored: honeypot filled");
            return new(SignUpResult.Accepted, language);
        }
        try
        {
            return new(await SignUpAsync(form, network, cancellationToken), language);
        }
        catch (RateLimitUnavailableException)
        {
            return new(SignUpResult.Unavailable, language);
        }
    }

    private async Task<SignUpResult> SignUpAsync(SignUpForm form, string network, CancellationToken cancellationToken)
    {
        // Typos are answered before anything is counted: only sign-ups we would accept count towards the network's limit,
        // so a few mistyped addresses at one office or conference table do not block the next person.
        if (!EmailAddress.TryNormalize(form.Email, out var address) || !EmailAddress.HasDottedDomain(address))
        {
            return SignUpResult.InvalidEmail;
        }
        if (form.Choices.Name?.Trim().Length > ChoiceApplier.MaxNameLength)
        {
            return SignUpResult.NameTooLong;
        }
        if (!await limiter.TryAcquireAsync("ip:" + network, PerNetworkPerHour, TimeSpan.FromHours(1), cancellationToken))
        {
            return SignUpResult.TooManyFromNetwork;
        }
        var id = EmailAddress.Key(address);
        if (!await limiter.TryAcquireAsync("address:" + id, PerAddressPerDay, TimeSpan.FromDays(1), cancellationToken))
        {
            return SignUpResult.TooManyForAddress;
        }
        var existing = await store.GetAsync(id, cancellationToken);
        if (existing?.Status is SubscriberStatus.Suppressed)
        {
            // Never mail an address that bounced or complained.
            return SignUpResult.Accepted;
        }
        if (existing?.Status is SubscriberStatus.Active)
        {
            // Already subscribed: a form anyone can fill in changes nothing. The owner gets a mail that says so, with the
            // preference centre link, in the language just chosen; the page is the same as for anyone else.
            var language = Languages.IsSupported(form.Choices.Language) ? Languages.Normalize(form.Choices.Language) : existing.Language;
            await sender.SendAsync(await composer.ComposeAlreadySubscribedAsync(existing, language, cancellationToken), cancellationToken);
            logger.LogInformation("Sign-up {SubscriberId}: already subscribed, preference centre link sent", id);
            return SignUpResult.Accepted;
        }
        var chosen = await choices.ApplyAsync(form.Choices, Subscriber.Create(address), cancellationToken);
        if (existing is null)
        {
            await store.UpsertAsync(chosen with { Status = SubscriberStatus.Pending, ConsentSource = "web form, awaiting confirmation" }, cancellationToken);
        }
        // Only our own text and the signed link: nothing the visitor typed is readable in this mail.
        var url = links.Url(links.Token(id, ConfirmedChoices.Of(chosen)));
        await sender.SendAsync(await composer.ComposeConfirmationAsync(address, id, chosen.Language, url, cancellationToken), cancellationToken);
        logger.LogInformation("Sign-up {SubscriberId}: confirmation sent", id);
        return SignUpResult.Accepted;
    }
}
