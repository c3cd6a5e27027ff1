using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Storage;

/// <summary>Reads the attempt rows <see cref="TableDeliveryLedger"/> keeps in a story's partition (<c>attempt|id</c>).</summary>
public sealed class TableDeliveryReport(TableServiceClient tables) : IDeliveryReport
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Deliveries);

    public async IAsyncEnumerable<BatchRecord> ListBatchesAsync(string storyId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {storyId} and RowKey ge {"attempt|"} and RowKey lt {"attempt}"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new BatchRecord(
                row.GetInt32("Batch") ?? 0,
                row.GetString("Status") ?? TableDeliveryLedger.Failed,
                row.GetInt32("Claimed") ?? row.GetInt32("Count") ?? 0,
                row.GetDateTimeOffset("UpdatedAt"),
                row.GetString("Reason"));
        }
    }
}
