namespace CampaignFlow.Pipeline;

/// <summary>
/// Up to 1,000 digest subscribers of one day who get the same stories in the same language, sent as one provider
/// request. <paramref name="Digest"/> is the day's key (<c>digest-YYYYMMDD</c>, the ledger partition); the stories are
/// ids in the order the digest lists them; recipients are ids (address hashes), never addresses.
/// </summary>
public sealed record DigestBatchMessage(string Digest, string Language, int Batch, IReadOnlyList<string> Stories, IReadOnlyList<string> Recipients, int V = 1);
