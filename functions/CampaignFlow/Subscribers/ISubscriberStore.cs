namespace CampaignFlow.Subscribers;

/// <summary>The subscriber list.</summary>
public interface ISubscriberStore
{
    Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default);
    /// <summary>Writes many subscribers in table batch transactions (import, benchmarks).</summary>
    Task UpsertManyAsync(IEnumerable<Subscriber> subscribers, CancellationToken cancellationToken = default);
    Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default);
    /// <summary>The subscribers among <paramref name="ids"/> that exist, read concurrently.</summary>
    Task<IReadOnlyList<Subscriber>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
    /// <summary>Streams active subscribers without loading the list into memory.</summary>
    IAsyncEnumerable<Subscriber> ListActiveAsync(CancellationToken cancellationToken = default);
    /// <summary>Streams every subscriber, whatever the status.</summary>
    IAsyncEnumerable<Subscriber> ListAllAsync(CancellationToken cancellationToken = default);
    Task<bool> AnyAsync(CancellationToken cancellationToken = default);
}
