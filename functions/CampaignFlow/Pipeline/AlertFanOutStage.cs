using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;

namespace CampaignFlow.Pipeline;

/// <summary>The NotifySubscribers stage: sends a relevant story to every active subscriber who wants it, once each.</summary>
public sealed class AlertFanOutStage(
    IStoryLedger ledger,
    ISubscriberStore subscribers,
    IDeliveryLedger deliveries,
    AlertComposer composer,
    IEmailSender sender,
    IPipelineTelemetry telemetry) : IPipelineStage<AlertMessage, int>
{
    public async Task<int> HandleAsync(AlertMessage message, CancellationToken cancellationToken = default)
    {
        var classified = await ledger.GetClassifiedAsync(message.StoryId, cancellationToken)
            ?? throw new InvalidMessageException($"story {message.StoryId} has no verdict in the ledger");
        int sent = 0, skipped = 0;
        await foreach (var subscriber in subscribers.ListActiveAsync(cancellationToken))
        {
            if (!subscriber.WantsInstant(classified.Verdict.Topics, classified.Verdict.Regions))
            {
                continue;
            }
            if (await deliveries.TryClaimAsync(classified.Story.Id, subscriber.Id, cancellationToken) != DeliveryClaim.Claimed)
            {
                skipped++;
                continue;
            }
            try
            {
                await sender.SendAsync(composer.Compose(classified, subscriber), cancellationToken);
            }
            catch
            {
                // Nothing was accepted: free the claim so the retry of this message sends it at once.
                await deliveries.ReleaseAsync(classified.Story.Id, subscriber.Id, CancellationToken.None);
                telemetry.Track(PipelineEvents.EmailFailed, classified.Story.Id);
                throw;
            }
            await deliveries.MarkSentAsync(classified.Story.Id, subscriber.Id, cancellationToken);
            telemetry.Track(PipelineEvents.EmailSent, classified.Story.Id);
            sent++;
        }
        telemetry.Track(PipelineEvents.AlertFannedOut, classified.Story.Id, new Dictionary<string, object?> { ["sent"] = sent, ["skipped"] = skipped });
        return sent;
    }
}
