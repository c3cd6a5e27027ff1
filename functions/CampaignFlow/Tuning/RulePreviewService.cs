using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// The live preview and the suggested terms for the staff console. The stories (every <see cref="IPreviewStorySource"/>)
/// and the active rules' verdicts on them are kept for <see cref="StoriesMaxAge"/> or until the active rule set changes,
/// so an edit costs one classification of the stories with the edited rules.
/// </summary>
public sealed class RulePreviewService(IRuleSetProvider active, IEnumerable<IPreviewStorySource> sources, TimeProvider time)
{
    public static readonly TimeSpan StoriesMaxAge = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private PreviewBaseline? cached;
    private long loadedAt;

    /// <summary>The active rules' verdicts on the current stories.</summary>
    public async Task<PreviewBaseline> BaselineAsync(CancellationToken cancellationToken = default)
    {
        await active.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var rules = active.Current;
        if (Fresh(cached, rules) is { } hit)
        {
            return hit;
        }
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(cached, rules) is { } again)
            {
                return again;
            }
            var stories = new List<PreviewStory>();
            foreach (var source in sources)
            {
                stories.AddRange(await source.LoadAsync(cancellationToken).ConfigureAwait(false));
            }
            cached = PreviewBaseline.Create(rules, stories);
            loadedAt = time.GetTimestamp();
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the cached stories and verdicts (after a publish, a rollback or a staff decision).</summary>
    public void Invalidate() => cached = null;

    /// <summary>Checks the edited JSON and, when valid, previews it against the active rules.</summary>
    public async Task<PreviewOutcome> PreviewAsync(string json, CancellationToken cancellationToken = default)
    {
        var check = RuleSetCheck.Of(json);
        if (check.Compiled is not { } edited)
        {
            return new PreviewOutcome(check, null);
        }
        var baseline = await BaselineAsync(cancellationToken).ConfigureAwait(false);
        return new PreviewOutcome(check, RulePreview.Run(baseline, edited));
    }

    /// <summary>Suggested terms for the edited rules (or the active ones when <paramref name="json"/> is null); none when the JSON is invalid.</summary>
    public async Task<IReadOnlyList<TermSuggestion>> SuggestAsync(string? json, CancellationToken cancellationToken = default)
    {
        var baseline = await BaselineAsync(cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return TermSuggester.Suggest(baseline);
        }
        var check = RuleSetCheck.Of(json);
        return check.Compiled is { } draft ? TermSuggester.Suggest(PreviewBaseline.Create(draft, baseline.Stories)) : [];
    }

    private PreviewBaseline? Fresh(PreviewBaseline? baseline, CompiledRuleSet rules) =>
        baseline is not null && ReferenceEquals(baseline.Rules, rules) && time.GetElapsedTime(loadedAt) < StoriesMaxAge ? baseline : null;
}
