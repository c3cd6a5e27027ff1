namespace CampaignFlow.Pipeline;

/// <summary>What one run of the digest timer enqueued: the day's key, its stories, and the recipients in how many batches.</summary>
public sealed record DigestPlan(string Digest, int Stories, int Recipients, int Batches);
