using CampaignFlow.Azure.Storage;
using CampaignFlow.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Azure.Operations;

/// <summary>
/// The daily clean-up (<see cref="RetentionOptions"/>): delivery ledger rows and story texts past their retention,
/// sign-up counts of finished windows, SendGrid event ids past their expiry. Each part runs even if another fails.
/// </summary>
public sealed class RetentionPruner(
    TableDeliveryLedger deliveries,
    BlobStoryTextStore texts,
    TableRateLimiter rateLimits,
    TableProviderEventLedger providerEvents,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionPruner> logger)
{
    /// <summary>Rows or blobs deleted, per part.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var retention = options.Value;
        var parts = new (string Name, Func<Task<int>> Prune)[]
        {
            ("delivery ledger", () => deliveries.PruneAsync(now - retention.DeliveryLedger, cancellationToken)),
            ("story texts", () => texts.PruneAsync(now - retention.StoryTexts, cancellationToken)),
            ("rate-limit rows", () => rateLimits.PruneAsync(cancellationToken)),
            ("webhook event ids", () => providerEvents.PruneAsync(cancellationToken)),
        };
        var deleted = new Dictionary<string, int>();
        foreach (var (name, prune) in parts)
        {
            try
            {
                deleted[name] = await prune();
                logger.LogInformation("Retention: pruned {Count} {Part}", deleted[name], name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention: pruning {Part} failed; the next run tries again", name);
            }
        }
        return deleted;
    }
}
