using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Staff;

namespace CampaignFlow.Azure.Staff;

/// <summary>
/// Staff actions in the <c>staff</c> table: partition <c>action|{subject}</c>, row key the inverted time plus a random
/// suffix, so a subject's partition reads newest first and two actions in the same tick both stay.
/// </summary>
public sealed class TableStaffActionLog(TableServiceClient tables) : IStaffActionLog
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Staff);

    public Task RecordAsync(StaffAction action, CancellationToken cancellationToken = default)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - action.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        return _table.AddEntityAsync(
            new TableEntity(Partition(action.Subject), $"{inverted}-{Guid.NewGuid():n}")
            {
                ["Who"] = action.Who,
                ["At"] = action.At,
                ["Action"] = action.Action,
                ["Subject"] = action.Subject,
                ["Detail"] = action.Detail,
            },
            cancellationToken);
    }

    public async IAsyncEnumerable<StaffAction> ListAsync(string subject, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(subject)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new StaffAction(e.GetString("Who") ?? "", e.GetDateTimeOffset("At") ?? default, e.GetString("Action") ?? "", subject, e.GetString("Detail"));
        }
    }

    /// <summary>Table keys may not hold / \ # ? or control characters.</summary>
    private static string Partition(string subject) =>
        "action|" + new string(subject.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());
}
