using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Storage;

/// <summary>The automatic pause and hourly spam-report counts, in the deliveries table's <c>control</c> partition.</summary>
public sealed class TableSendingControl(TableServiceClient tables, TimeProvider clock) : ISendingControl
{
    private const string Partition = "control";
    private const string PauseRow = "sending";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Deliveries);

    public async Task<string?> PausedReasonAsync(CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, PauseRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetBoolean("Paused") == true ? row.Value.GetString("Reason") ?? "paused" : null;
    }

    public Task PauseAsync(string reason, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, PauseRow) { ["Paused"] = true, ["Reason"] = reason, ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, PauseRow) { ["Paused"] = false, ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public async Task<int> AddSpamReportsAsync(int reports, CancellationToken cancellationToken = default)
    {
        var row = "spam-" + clock.GetUtcNow().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        while (true)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, row, cancellationToken: cancellationToken);
            var count = (existing.HasValue ? existing.Value!.GetInt32("Count") ?? 0 : 0) + reports;
            var entity = new TableEntity(Partition, row) { ["Count"] = count };
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }
                return count;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another webhook call counted at the same moment: read again.
            }
        }
    }
}
