using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Staff;

namespace CampaignFlow.Azure.Staff;

/// <summary>
/// One-time sign-in codes in the <c>staff</c> table, partition <c>signin</c>, keyed by a SHA-256 of the code (the code
/// itself is never stored). Redeeming deletes the row with its ETag: of two redeemers, exactly one deletes it.
/// </summary>
public sealed class TableStaffSignInLinks(TableServiceClient tables, TimeProvider clock) : IStaffSignInLinks
{
    private const string Partition = "signin";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Staff);

    public async Task<string> IssueAsync(string who, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await _table.AddEntityAsync(new TableEntity(Partition, Hash(code)) { ["Who"] = who, ["Expires"] = expires }, cancellationToken);
        return code;
    }

    public async Task<string?> RedeemAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 100)
        {
            return null;
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(code), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }
        try
        {
            var deleted = await _table.DeleteEntityAsync(Partition, row.Value!.RowKey, row.Value.ETag, cancellationToken);
            if (deleted.Status == 404)
            {
                return null;
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
        return row.Value.GetDateTimeOffset("Expires") > clock.GetUtcNow() ? row.Value.GetString("Who") : null;
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
