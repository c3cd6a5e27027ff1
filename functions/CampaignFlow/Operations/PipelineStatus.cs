using CampaignFlow.Feeds;

namespace CampaignFlow.Operations;

/// <summary>What the admin status endpoint returns: feed health, queue depths and the last errors.</summary>
public sealed record PipelineStatus(DateTimeOffset At, IReadOnlyDictionary<string, FeedState> Feeds, IReadOnlyList<QueueDepth> Queues, IReadOnlyList<string> LastErrors);
