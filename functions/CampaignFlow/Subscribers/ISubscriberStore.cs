namespace CampaignFlow.Subscribers;

/// <summary>The subscriber list.</summary>
public interface ISubscriberStore
{
    Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default);
    Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default);
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
    /// <summary>Streams active subscribers without loading the list into memory.</summary>
    IAsyncEnumerable<Subscriber> ListActiveAsync(CancellationToken cancellationToken = default);
    Task<bool> AnyAsync(CancellationToken cancellationToken = default);
}
