namespace CampaignFlow.Pipeline;

/// <summary>
/// Up to 1,000 recipients of one story in one language, sent as one provider request. Recipient ids (address
/// hashes), never addresses: the queue holds no personal data.
/// </summary>
public sealed record DeliveryBatchMessage(string StoryId, string RuleSetVersion, string Language, int Batch, IReadOnlyList<string> Recipients, int V = 1);
