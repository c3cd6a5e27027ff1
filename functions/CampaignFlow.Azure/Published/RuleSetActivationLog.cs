using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CampaignFlow.Tuning;

namespace CampaignFlow.Azure.Published;

/// <summary>
/// Every publish and rollback, one JSON line each, in an append blob beside the rule sets: appends are atomic, so
/// concurrent staff actions never overwrite each other's record.
/// </summary>
internal sealed class RuleSetActivationLog(BlobContainerClient container, string blobName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task AppendAsync(RuleSetActivationRecord record, CancellationToken cancellationToken)
    {
        var blob = container.GetAppendBlobClient(blobName);
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var line = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(record, Json).Append((byte)'\n').ToArray());
        await blob.AppendBlockAsync(line, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The records, newest first; none when nothing was logged.</summary>
    public async Task<IReadOnlyList<RuleSetActivationRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
        var records = new List<RuleSetActivationRecord>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                if (JsonSerializer.Deserialize<RuleSetActivationRecord>(line, Json) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // Why: one damaged line must not hide the rest of the history.
            }
        }
        return [.. records.OrderByDescending(r => r.On)];
    }
}
