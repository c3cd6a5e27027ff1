using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Azure.Operations;

/// <summary>
/// The scheduled export of the subscriber list (consent records included) to the private <c>exports</c> container:
/// blob <c>subscribers/yyyy-MM-dd.jsonl</c>, one subscriber per line as <c>subscribers export ADDRESS</c> writes one
/// (<see cref="SubscriberJson"/>). A second run on one day replaces that day's blob (blob versioning keeps the one
/// before). In Azure the storage lifecycle policy deletes exports after <c>exportRetentionDays</c> (30); locally they
/// stay in the state's Azurite until deleted.
/// </summary>
public sealed class SubscriberExport(ISubscriberStore store, BlobServiceClient blobs, TimeProvider clock, ILogger<SubscriberExport> logger)
{
    public const string Container = "exports";

    /// <summary>Daily at 04:00 UTC (after PruneData at 03:30): the Functions timer's schedule and the local host's default.</summary>
    public const string Schedule = "0 0 4 * * *";

    public static string BlobName(DateTimeOffset day) => $"subscribers/{day.UtcDateTime:yyyy-MM-dd}.jsonl";

    /// <summary>Writes today's export; returns the blob's name and how many subscribers it holds.</summary>
    public async Task<(string Blob, int Subscribers)> WriteAsync(CancellationToken cancellationToken = default)
    {
        var name = BlobName(clock.GetUtcNow());
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var count = 0;
        await using (var stream = await container.GetBlobClient(name).OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken))
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await foreach (var subscriber in store.ListAllAsync(cancellationToken))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(subscriber, SubscriberJson.Options));
                count++;
            }
        }
        logger.LogInformation("Subscriber export: {Count} subscribers to {Container}/{Blob}", count, Container, name);
        return (name, count);
    }
}
