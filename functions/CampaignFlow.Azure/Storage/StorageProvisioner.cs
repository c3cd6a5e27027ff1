using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CampaignFlow.Pipeline;

namespace CampaignFlow.Azure.Storage;

/// <summary>Creates the queues, tables and containers the pipeline needs; idempotent, run at start-up.</summary>
public sealed class StorageProvisioner(QueueServiceClient queues, TableServiceClient tables, BlobServiceClient blobs)
{
    public const string ConfigContainer = "config";

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        foreach (var queue in QueueNames.All)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queues.GetQueueClient(queue + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        foreach (var table in TableNames.All)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
        await blobs.GetBlobContainerClient(ConfigContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await blobs.GetBlobContainerClient(BlobStoryTextStore.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await blobs.GetBlobContainerClient(Operations.SubscriberExport.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
