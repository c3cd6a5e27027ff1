using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// The published rule sets: every version kept unchanged, one active (the one the pipeline hot-reloads), and a log of
/// every publish and rollback. Implemented over blob storage in CampaignFlow.Azure.
/// </summary>
public interface IRuleSetRepository
{
    /// <summary>The active rule set with its ETag, or null when none was published (the app uses the built-in set).</summary>
    Task<ActiveRuleSetBlob?> ReadActiveBlobAsync(CancellationToken cancellationToken = default);

    /// <summary>Published versions, newest first.</summary>
    Task<IReadOnlyList<PublishedRuleSet>> ListAsync(CancellationToken cancellationToken = default);

    Task<string?> ReadVersionAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>Stores a new version and activates it; returns the version.</summary>
    /// <exception cref="RuleSetValidationException">The rule set is invalid; nothing was written.</exception>
    /// <exception cref="RuleSetConflictException">The active rule set changed since it was read; nothing was published.</exception>
    /// <exception cref="InvalidOperationException">The version was already published.</exception>
    Task<string> PublishAsync(RuleSetPublication publication, CancellationToken cancellationToken = default);

    /// <summary>Makes a published version active again.</summary>
    /// <exception cref="RuleSetConflictException">The active rule set changed since it was read (<paramref name="expectedETag"/>); nothing changed.</exception>
    Task RollbackAsync(string version, string by, bool conditional, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Every publish and rollback recorded with who and when, newest first.</summary>
    Task<IReadOnlyList<RuleSetActivationRecord>> ListActivationsAsync(CancellationToken cancellationToken = default);
}
