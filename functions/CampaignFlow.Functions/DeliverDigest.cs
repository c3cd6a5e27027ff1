using CampaignFlow.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>
/// Queue trigger: sends one daily-digest batch as one SendGrid request, with the same waits, retries and poison as
/// <see cref="DeliverBatch"/> (done by <see cref="StageRunner"/>).
/// </summary>
public sealed class DeliverDigest(StageRunner runner, IPipelineStage<DigestBatchMessage, int> stage, ILogger<DeliverDigest> logger)
{
    [Function(nameof(DeliverDigest))]
    public Task RunAsync([QueueTrigger(QueueNames.Digests, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        runner.RunAsync<DigestBatchMessage>(QueueNames.Digests, message, async (batch, ct) =>
        {
            var sent = await stage.HandleAsync(batch, ct);
            logger.LogInformation("Batch {Batch} of {Digest} sent to {Recipients} recipients", batch.Batch, batch.Digest, sent);
        }, cancellationToken);
}
