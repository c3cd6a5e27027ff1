using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Tests.Support;

/// <summary>The subscriber list in memory, for unit tests of the use cases (the table store has its own tests on Azurite).</summary>
public sealed class InMemorySubscriberStore : ISubscriberStore
{
    private readonly ConcurrentDictionary<string, Subscriber> _rows = new();

    public Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        _rows[subscriber.Id] = subscriber;
        return Task.CompletedTask;
    }

    public async Task UpsertManyAsync(IEnumerable<Subscriber> subscribers, CancellationToken cancellationToken = default)
    {
        foreach (var s in subscribers)
        {
            await UpsertAsync(s, cancellationToken);
        }
    }

    public Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_rows.GetValueOrDefault(id));

    public Task<IReadOnlyList<Subscriber>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Subscriber>>([.. ids.Select(_rows.GetValueOrDefault).OfType<Subscriber>()]);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_rows.TryRemove(id, out _));

    public async IAsyncEnumerable<Subscriber> ListActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var s in ListAllAsync(cancellationToken))
        {
            if (s.Status == SubscriberStatus.Active)
            {
                yield return s;
            }
        }
    }

    public async IAsyncEnumerable<Subscriber> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var s in _rows.Values)
        {
            yield return s;
        }
    }

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => Task.FromResult(!_rows.IsEmpty);
}
