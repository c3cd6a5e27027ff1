using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// Provider events per story in the <c>staff</c> table: partition <c>events|{SHA-256 of the story id}</c>, one row per
/// event (row key the SHA-256 of its <c>sg_event_id</c>, else a random one), inserted once, so a replayed batch
/// conflicts instead of counting twice. The trail sums a story's partition by kind.
/// </summary>
public sealed class TableStoryEventFigures(TableServiceClient tables) : IStoryEventFigures
{
    private const string KindColumn = "Kind";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Staff);

    public async Task RecordAsync(string storyId, string? eventId, StoryEventKind kind, CancellationToken cancellationToken = default)
    {
        var row = eventId is null ? Guid.NewGuid().ToString("n") : Hash(eventId);
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition(storyId), row) { [KindColumn] = kind.ToString() }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already counted: SendGrid retried the batch, or someone replayed it.
        }
    }

    public async Task<StoryEventCounts> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        var counts = new int[4];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(storyId)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: [KindColumn], cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<StoryEventKind>(e.GetString(KindColumn), out var kind))
            {
                counts[(int)kind]++;
            }
        }
        return new StoryEventCounts(counts[0], counts[1], counts[2], counts[3]);
    }

    private static string Partition(string storyId) => "events|" + Hash(storyId);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
