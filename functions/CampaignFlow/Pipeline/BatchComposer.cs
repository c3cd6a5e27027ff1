using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Pipeline;

/// <summary>Builds a batch's one mail for the recipients <see cref="BatchDelivery"/> claimed, under the attempt's id.</summary>
public delegate Task<EmailBatch> BatchComposer(IReadOnlyList<Subscriber> recipients, string attemptId, CancellationToken cancellationToken);
