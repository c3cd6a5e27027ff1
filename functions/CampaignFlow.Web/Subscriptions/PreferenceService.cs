using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// What a subscriber does from the links in every mail: change their choices (signed preferences link, active
/// subscribers only) and leave (signed unsubscribe link; RFC 8058 one-click POST).
/// </summary>
public sealed class PreferenceService(ISubscriberStore store, TokenService tokens, ChoiceApplier choices, TimeProvider clock, ILogger<PreferenceService> logger)
{
    public const string OneClickField = "List-Unsubscribe";
    public const string OneClickValue = "One-Click";

    public async Task<PreferencesView> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (_, subscriber) = await LinkedAsync(AlertComposer.PreferencesPurpose, token, cancellationToken);
        return subscriber?.Status switch
        {
            SubscriberStatus.Active => new(subscriber, await choices.TaxonomyAsync(cancellationToken)),
            SubscriberStatus.Unsubscribed => new(subscriber, null) { Unsubscribed = true },
            _ => PreferencesView.Invalid,
        };
    }

    public async Task<PreferencesView> SaveAsync(string? token, SubmittedChoices submitted, CancellationToken cancellationToken = default)
    {
        var subscriber = await ActiveAsync(token, cancellationToken);
        if (subscriber is null)
        {
            return PreferencesView.Invalid;
        }
        if (submitted.Name?.Trim().Length > ChoiceApplier.MaxNameLength)
        {
            // Shown again with what was typed, so nothing is lost; nothing is stored.
            return new(subscriber with { Name = submitted.Name }, await choices.TaxonomyAsync(cancellationToken)) { NameTooLong = true };
        }
        var saved = await choices.ApplyAsync(submitted, subscriber, cancellationToken);
        await store.UpsertAsync(saved, cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} changed preferences", subscriber.Id);
        return new(saved, await choices.TaxonomyAsync(cancellationToken), Saved: true);
    }

    public async Task<UnsubscribeOutcome> OpenUnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (valid, subscriber) = await LinkedAsync(AlertComposer.UnsubscribePurpose, token, cancellationToken);
        return !valid ? new(UnsubscribeResult.Invalid)
            : subscriber?.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed ? new(UnsubscribeResult.AlreadyUnsubscribed, subscriber.Language)
            : new(UnsubscribeResult.Ask, subscriber?.Language);
    }

    /// <summary>RFC 8058: a POST with <c>List-Unsubscribe=One-Click</c> and a valid token unsubscribes at once.</summary>
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string? token, string? oneClick, CancellationToken cancellationToken = default)
    {
        var (valid, subscriber) = await LinkedAsync(AlertComposer.UnsubscribePurpose, token, cancellationToken);
        if (!valid || oneClick != OneClickValue)
        {
            return new(UnsubscribeResult.Invalid);
        }
        if (subscriber?.Status is SubscriberStatus.Active or SubscriberStatus.Pending)
        {
            await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Unsubscribed, StatusReason = "one-click unsubscribe", StatusChangedAt = clock.GetUtcNow() }, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} unsubscribed", subscriber.Id);
        }
        return new(UnsubscribeResult.Unsubscribed, subscriber?.Language);
    }

    /// <summary>The subscriber's own unsubscribe token, for the preference centre's unsubscribe link.</summary>
    public string UnsubscribeToken(string subscriberId) => tokens.Create(AlertComposer.UnsubscribePurpose, subscriberId);

    private async Task<Subscriber?> ActiveAsync(string? token, CancellationToken cancellationToken)
    {
        var (_, subscriber) = await LinkedAsync(AlertComposer.PreferencesPurpose, token, cancellationToken);
        return subscriber?.Status is SubscriberStatus.Active ? subscriber : null;
    }

    /// <summary>The subscriber a signed link names; not valid when forged, expired or revoked (<see cref="SubscriberLinks"/>).</summary>
    private Task<(bool Valid, Subscriber? Subscriber)> LinkedAsync(string purpose, string? token, CancellationToken cancellationToken) =>
        SubscriberLinks.ResolveAsync(store, tokens.Validate(purpose, token), cancellationToken);
}
