using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Feeds;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// Feed state in Table Storage, one row per feed name. A name may hold characters a row key may not ('/', '\', '#',
/// '?': a feed configured by URL is named host + path): they are escaped as %XX in the key ('%' too), so names without
/// them keep the keys they always had.
/// </summary>
public sealed class TableFeedStateStore(TableServiceClient tables) : IFeedStateStore
{
    private const string Partition = "feed";
    private readonly TableClient _table = tables.GetTableClient(TableNames.FeedState);

    public async Task<FeedState?> GetAsync(string feed, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(feed), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }
        return ToState(response.Value!);
    }

    public async IAsyncEnumerable<KeyValuePair<string, FeedState>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            yield return new(Uri.UnescapeDataString(entity.RowKey), ToState(entity));
        }
    }

    private static string Key(string feed) =>
        feed.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal).Replace("\\", "%5C", StringComparison.Ordinal)
            .Replace("#", "%23", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal);

    private static FeedState ToState(TableEntity e) =>
        new()
        {
            ETag = e.GetString(nameof(FeedState.ETag)),
            LastModified = e.GetString(nameof(FeedState.LastModified)),
            LastSuccess = e.GetDateTimeOffset(nameof(FeedState.LastSuccess)),
            LastChange = e.GetDateTimeOffset(nameof(FeedState.LastChange)),
            ConsecutiveFailures = e.GetInt32(nameof(FeedState.ConsecutiveFailures)) ?? 0,
            LastError = e.GetString(nameof(FeedState.LastError)),
            IngestInProgress = e.GetBoolean(nameof(FeedState.IngestInProgress)) ?? false,
            RetryAfter = e.GetDateTimeOffset(nameof(FeedState.RetryAfter)),
            LastAttempt = e.GetDateTimeOffset(nameof(FeedState.LastAttempt)),
            ContentHash = e.GetString(nameof(FeedState.ContentHash)),
        };

    public Task SaveAsync(string feed, FeedState state, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(
            new TableEntity(Partition, Key(feed))
            {
                [nameof(FeedState.ETag)] = state.ETag,
                [nameof(FeedState.LastModified)] = state.LastModified,
                [nameof(FeedState.LastSuccess)] = state.LastSuccess,
                [nameof(FeedState.LastChange)] = state.LastChange,
                [nameof(FeedState.ConsecutiveFailures)] = state.ConsecutiveFailures,
                [nameof(FeedState.LastError)] = state.LastError,
                [nameof(FeedState.IngestInProgress)] = state.IngestInProgress,
                [nameof(FeedState.RetryAfter)] = state.RetryAfter,
                [nameof(FeedState.LastAttempt)] = state.LastAttempt,
                [nameof(FeedState.ContentHash)] = state.ContentHash,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}
