namespace CampaignFlow.Classification;

/// <summary>
/// The active rule-set blob as stored, not validated. <see cref="Version"/> is the one its JSON declares, else the one
/// recorded when it was activated (null when neither can be read); <see cref="Activation"/> is null for a blob written
/// by other means than <c>BlobRuleSetStore</c> (CampaignFlow.Azure); <see cref="ActivatedOn"/> falls back to the blob's last change.
/// </summary>
public sealed record ActiveRuleSetBlob(string Json, string? Version, RuleSetActivation? Activation, DateTimeOffset ActivatedOn)
{
    /// <summary>The blob's ETag when read: a publish or rollback that expects it fails if the blob changed since.</summary>
    public string? ETag { get; init; }

    /// <summary>Who activated it (null when not recorded).</summary>
    public string? ActivatedBy { get; init; }
}
