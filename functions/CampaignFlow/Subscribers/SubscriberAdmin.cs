using CampaignFlow.Classification;
using CampaignFlow.Delivery;

namespace CampaignFlow.Subscribers;

/// <summary>What staff do to the list by hand (the <c>subscribers</c> CLI): add, remove, export, forget, stats.</summary>
public sealed class SubscriberAdmin(ISubscriberStore store, IDeliveryLedger deliveries, IRuleSetProvider rules, TimeProvider clock)
{
    /// <summary>Adds (or re-activates on explicit staff request) an active subscriber with a record of consent.</summary>
    public async Task<Subscriber> AddAsync(string address, string consent, string? name = null, string? language = null,
        IReadOnlyList<string>? topics = null, IReadOnlyList<string>? regions = null, Cadence cadence = Cadence.Instant, CancellationToken cancellationToken = default)
    {
        var email = Normalize(address);
        if (string.IsNullOrWhiteSpace(consent))
        {
            throw new ArgumentException("a record of consent is required (how and when the person agreed)", nameof(consent));
        }
        if (language is not null && !Languages.IsSupported(language))
        {
            throw new ArgumentException($"language must be one of {string.Join(", ", Languages.Supported)}", nameof(language));
        }
        await rules.ReadyAsync(cancellationToken);
        var (chosenTopics, chosenRegions) = (Ids(topics), Ids(regions));
        if (SubscriberChoices.Unknown("topic", chosenTopics, rules.Current.Taxonomy.Topics) is { } unknownTopic)
        {
            throw new ArgumentException(unknownTopic, nameof(topics));
        }
        if (SubscriberChoices.Unknown("region", chosenRegions, rules.Current.Taxonomy.Regions) is { } unknownRegion)
        {
            throw new ArgumentException(unknownRegion, nameof(regions));
        }
        var subscriber = Subscriber.Create(email) with
        {
            Name = name,
            Language = Languages.Normalize(language),
            Topics = chosenTopics,
            Regions = chosenRegions,
            Cadence = cadence,
            Status = SubscriberStatus.Active,
            ConsentAt = clock.GetUtcNow(),
            ConsentSource = $"added by staff: {consent}",
        };
        await store.UpsertAsync(subscriber, cancellationToken);
        return subscriber;
    }

    /// <summary>Marks the person unsubscribed (kept, so no import re-adds them); false when unknown.</summary>
    public async Task<bool> RemoveAsync(string address, CancellationToken cancellationToken = default)
    {
        var subscriber = await store.GetAsync(EmailAddress.Key(Normalize(address)), cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Unsubscribed, StatusReason = "removed by staff", StatusChangedAt = clock.GetUtcNow() }, cancellationToken);
        return true;
    }

    /// <summary>
    /// Revokes every unsubscribe and preferences link issued to the person so far (raises their token version); their
    /// next mail carries new links. False when unknown.
    /// </summary>
    public async Task<bool> RevokeLinksAsync(string address, CancellationToken cancellationToken = default)
    {
        var subscriber = await store.GetAsync(EmailAddress.Key(Normalize(address)), cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        await store.UpsertAsync(subscriber with { TokenVersion = subscriber.TokenVersion + 1 }, cancellationToken);
        return true;
    }

    public async Task<SubscriberRecord?> ExportAsync(string address, CancellationToken cancellationToken = default)
    {
        var subscriber = await store.GetAsync(EmailAddress.Key(Normalize(address)), cancellationToken);
        if (subscriber is null)
        {
            return null;
        }
        var history = new List<DeliveryRecord>();
        await foreach (var record in deliveries.ListForRecipientAsync(subscriber.Id, cancellationToken))
        {
            history.Add(record);
        }
        return new SubscriberRecord(subscriber, history);
    }

    /// <summary>Erases the person and their delivery rows (right to erasure); returns how many rows went.</summary>
    public async Task<int> ForgetAsync(string address, CancellationToken cancellationToken = default)
    {
        var id = EmailAddress.Key(Normalize(address));
        var rows = await deliveries.ForgetRecipientAsync(id, cancellationToken);
        return rows + (await store.DeleteAsync(id, cancellationToken) ? 1 : 0);
    }

    public async Task<SubscriberStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        int total = 0;
        Dictionary<string, int> status = [], cadence = [], language = [];
        await foreach (var s in store.ListAllAsync(cancellationToken))
        {
            total++;
            Count(status, s.Status.ToString());
            Count(cadence, s.Cadence.ToString());
            Count(language, s.Language);
        }
        return new SubscriberStats(total, status, cadence, language);
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Normalize(string address) =>
        EmailAddress.TryNormalize(address, out var email) ? email : throw new ArgumentException("not a valid email address", nameof(address));

    private static string[] Ids(IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct().ToArray();
}
