using System.Collections.Concurrent;
using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// Publish, roll back and the history for the staff console. A publish validates first (nothing is saved when a
/// problem is found), takes a version nobody has used, and writes only if the active rule set is still the one the
/// editor opened; the pipeline hot-reloads it like a <c>rules publish</c>.
/// </summary>
public sealed class RulePublisher(IRuleSetRepository repository, RulePreviewService preview)
{
    public const int MaxCommentLength = 500;
    private static readonly Lazy<string> BuiltInVersion = new(() => RuleSetLoader.Parse(RuleSetLoader.ReadDefaultJson(), "built-in").Version);
    // Why: a published version never changes, so its scores hold as long as the stories do; a new story set starts afresh.
    private (PreviewBaseline? Stories, ConcurrentDictionary<string, RuleScores?> ByVersion) scores = (null, new(StringComparer.Ordinal));

    /// <summary>The active rule set, or the built-in one when nothing was published.</summary>
    public async Task<RuleEditorStart> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (await repository.ReadActiveBlobAsync(cancellationToken).ConfigureAwait(false) is { } active)
        {
            return new RuleEditorStart(active.Json, active.Version ?? "", active.ETag, BuiltIn: false);
        }
        return new RuleEditorStart(RuleSetLoader.ReadDefaultJson(), BuiltInVersion.Value, null, BuiltIn: true);
    }

    public async Task<RuleSetChangeOutcome> PublishAsync(string json, string by, string? comment, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var check = RuleSetCheck.Of(json);
        if (check.Rules is not { } rules)
        {
            return new RuleSetChangeOutcome(null, check.Problems);
        }
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            return RuleSetChangeOutcome.Refused(new RuleSetProblem($"the comment is longer than {MaxCommentLength} characters", null, "comment"));
        }
        var active = await repository.ReadActiveBlobAsync(cancellationToken).ConfigureAwait(false);
        if (active is not null && Same(active.Json, rules))
        {
            return RuleSetChangeOutcome.Refused(new RuleSetProblem($"these rules are the active version {active.Version}: nothing to publish", null, "$"));
        }
        var taken = (await repository.ListAsync(cancellationToken).ConfigureAwait(false)).Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
        // Why: an edit of the active or the built-in set is new rules; it must not go out under their name.
        taken.Add(BuiltInVersion.Value);
        if (active?.Version is { } activeVersion)
        {
            taken.Add(activeVersion);
        }
        var version = RuleSetVersions.Free(rules.Version, taken);
        var stored = version == rules.Version ? json : RuleSetJson.Write(rules with { Version = version });
        try
        {
            var published = await repository.PublishAsync(new RuleSetPublication(stored, by, comment, Conditional: true, expectedETag), cancellationToken).ConfigureAwait(false);
            preview.Invalidate();
            return RuleSetChangeOutcome.Done(published);
        }
        catch (RuleSetConflictException ex)
        {
            return RuleSetChangeOutcome.Conflicted(ex.Message);
        }
        catch (RuleSetValidationException ex)
        {
            return new RuleSetChangeOutcome(null, RuleSetProblem.From(ex));
        }
    }

    public async Task<RuleSetChangeOutcome> RollbackAsync(string version, string by, string? expectedETag, CancellationToken cancellationToken = default)
    {
        try
        {
            await repository.RollbackAsync(version, by, conditional: true, expectedETag, cancellationToken).ConfigureAwait(false);
            preview.Invalidate();
            return RuleSetChangeOutcome.Done(version);
        }
        catch (RuleSetConflictException ex)
        {
            return RuleSetChangeOutcome.Conflicted(ex.Message);
        }
        catch (RuleSetValidationException ex)
        {
            return new RuleSetChangeOutcome(null, RuleSetProblem.From(ex));
        }
        catch (InvalidOperationException ex)
        {
            return RuleSetChangeOutcome.Refused(new RuleSetProblem(ex.Message, null, null));
        }
    }

    /// <summary>Every version, newest first, scored on today's labeled stories; every publish and rollback.</summary>
    public async Task<RuleHistory> HistoryAsync(CancellationToken cancellationToken = default)
    {
        var versions = await repository.ListAsync(cancellationToken).ConfigureAwait(false);
        var active = await repository.ReadActiveBlobAsync(cancellationToken).ConfigureAwait(false);
        var stories = await preview.BaselineAsync(cancellationToken).ConfigureAwait(false);
        var cache = scores;
        if (!ReferenceEquals(cache.Stories, stories))
        {
            scores = cache = (stories, new ConcurrentDictionary<string, RuleScores?>(StringComparer.Ordinal));
        }
        var entries = new List<RuleHistoryEntry>(versions.Count);
        foreach (var v in versions)
        {
            var score = cache.ByVersion.TryGetValue(v.Version, out var known) ? known : cache.ByVersion[v.Version] = await ScoreAsync(v.Version, stories, cancellationToken).ConfigureAwait(false);
            entries.Add(new RuleHistoryEntry(v, score, active?.Version == v.Version));
        }
        var activations = await repository.ListActivationsAsync(cancellationToken).ConfigureAwait(false);
        return new RuleHistory(entries, activations, active);
    }

    private async Task<RuleScores?> ScoreAsync(string version, PreviewBaseline stories, CancellationToken cancellationToken)
    {
        var json = await repository.ReadVersionAsync(version, cancellationToken).ConfigureAwait(false);
        var check = json is null ? null : RuleSetCheck.Of(json, version);
        RuleScores? score = null;
        if (check?.Compiled is { } rules)
        {
            var labeled = stories.Stories.Where(s => s.Label is not null).ToList();
            score = RulePreview.Score(version, labeled, RulePreview.ClassifyAll(rules, labeled));
        }
        return score;
    }

    private static bool Same(string activeJson, RuleSet rules)
    {
        var check = RuleSetCheck.Of(activeJson);
        return check.Rules is { } current && RuleSetLoader.SameRules(current with { Version = rules.Version }, rules);
    }
}
