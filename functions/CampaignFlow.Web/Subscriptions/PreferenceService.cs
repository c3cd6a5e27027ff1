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
        var subscriber = await ActiveAsync(token, cancellationToken);
        return subscriber is null ? PreferencesView.Invalid : new(subscriber, await choices.TaxonomyAsync(cancellationToken));
    }

    public async Task<PreferencesView> SaveAsync(string? token, SubmittedChoices submitted, CancellationToken cancellationToken = default)
    {
        var subscriber = await ActiveAsync(token, cancellationToken);
        if (subscriber is null)
        {
            return PreferencesView.Invalid;
        }
        var saved = await choices.ApplyAsync(submitted, subscriber, cancellationToken);
        await store.UpsertAsync(saved, cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} changed preferences", subscriber.Id);
        return new(saved, await choices.TaxonomyAsync(cancellationToken), Saved: true);
    }

    public async Task<UnsubscribeOutcome> OpenUnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        var id = tokens.Validate(AlertComposer.UnsubscribePurpose, token);
        return id is null ? new(UnsubscribeResult.Invalid) : new(UnsubscribeResult.Ask, (await store.GetAsync(id, cancellationToken))?.Language);
    }

    /// <summary>RFC 8058: a POST with <c>List-Unsubscribe=One-Click</c> and a valid token unsubscribes at once.</summary>
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string? token, string? oneClick, CancellationToken cancellationToken = default)
    {
        var id = tokens.Validate(AlertComposer.UnsubscribePurpose, token);
        if (id is null || oneClick != OneClickValue)
        {
            return new(UnsubscribeResult.Invalid);
        }
        var subscriber = await store.GetAsync(id, cancellationToken);
        if (subscriber?.Status is SubscriberStatus.Active or SubscriberStatus.Pending)
        {
            await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Unsubscribed, StatusReason = "one-click unsubscribe", StatusChangedAt = clock.GetUtcNow() }, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} unsubscribed", id);
        }
        return new(UnsubscribeResult.Unsubscribed, subscriber?.Language);
    }

    private async Task<Subscriber?> ActiveAsync(string? token, CancellationToken cancellationToken)
    {
        var id = tokens.Validate(AlertComposer.PreferencesPurpose, token);
        var subscriber = id is null ? null : await store.GetAsync(id, cancellationToken);
        return subscriber?.Status is SubscriberStatus.Active ? subscriber : null;
    }
}
