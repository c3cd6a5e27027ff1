using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;

namespace CampaignFlow.Pipeline;

/// <summary>
/// The NotifySubscribers stage: streams the active instant subscribers whose topics and regions the story matches and
/// enqueues delivery batches of at most <see cref="BatchSize"/> recipient ids per language. It sends nothing itself;
/// a duplicated alert only enqueues batches the delivery ledger then finds already sent.
/// </summary>
public sealed class NotifySubscribersStage(IStoryLedger ledger, ISubscriberStore subscribers, IMessageQueue queue, IPipelineTelemetry telemetry)
    : IPipelineStage<AlertMessage, int>
{
    /// <summary>SendGrid's limit of personalizations per request.</summary>
    public const int BatchSize = 1000;

    public async Task<int> HandleAsync(AlertMessage message, CancellationToken cancellationToken = default)
    {
        var classified = await ledger.GetClassifiedAsync(message.StoryId, cancellationToken)
            ?? throw new InvalidMessageException($"story {message.StoryId} has no verdict in the ledger");
        var (topics, regions) = (classified.Verdict.Topics, classified.Verdict.Regions);
        var pending = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int recipients = 0, batches = 0;
        async Task FlushAsync(string language, List<string> ids)
        {
            await queue.SendAsync(QueueNames.Deliveries, new DeliveryBatchMessage(message.StoryId, message.RuleSetVersion, language, ++batches, ids.ToArray()), cancellationToken);
            ids.Clear();
        }
        await foreach (var subscriber in subscribers.ListActiveAsync(cancellationToken))
        {
            if (!subscriber.WantsInstant(topics, regions))
            {
                continue;
            }
            var language = Languages.Normalize(subscriber.Language);
            if (!pending.TryGetValue(language, out var ids))
            {
                pending[language] = ids = new List<string>(BatchSize);
            }
            ids.Add(subscriber.Id);
            recipients++;
            if (ids.Count == BatchSize)
            {
                await FlushAsync(language, ids);
            }
        }
        foreach (var (language, ids) in pending.Where(p => p.Value.Count > 0))
        {
            await FlushAsync(language, ids);
        }
        telemetry.Track(PipelineEvents.AlertFannedOut, classified.Story.Id, new Dictionary<string, object?> { ["recipients"] = recipients, ["batches"] = batches });
        return recipients;
    }
}
