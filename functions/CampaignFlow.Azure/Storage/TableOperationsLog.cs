using Azure.Data.Tables;
using CampaignFlow.Operations;

namespace CampaignFlow.Azure.Storage;

/// <summary>The app's reports to operators, beside the kill switch in the <c>deliveries</c> table's <c>control</c> partition.</summary>
public sealed class TableOperationsLog(TableServiceClient tables, TimeProvider clock) : IOperationsLog
{
    private const string Partition = "control";
    private const string SettingRow = "setting-paused";
    private const string SentRow = "last-sent";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Deliveries);

    public Task RecordSettingPausedAsync(bool paused, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, SettingRow) { ["Paused"] = paused, ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public Task RecordBatchSentAsync(string key, int batch, int recipients, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(
            new TableEntity(Partition, SentRow) { ["Key"] = key, ["Batch"] = batch, ["Recipients"] = recipients, ["At"] = clock.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<OperationsLogEntry> ReadAsync(CancellationToken cancellationToken = default)
    {
        var setting = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, SettingRow, cancellationToken: cancellationToken);
        var sent = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, SentRow, cancellationToken: cancellationToken);
        var last = sent.HasValue
            ? new LastSent(sent.Value!.GetString("Key") ?? "", sent.Value.GetInt32("Batch") ?? 0, sent.Value.GetInt32("Recipients") ?? 0, sent.Value.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue)
            : null;
        return setting.HasValue
            ? new OperationsLogEntry(setting.Value!.GetBoolean("Paused"), setting.Value.GetDateTimeOffset("At"), last)
            : new OperationsLogEntry(null, null, last);
    }
}
