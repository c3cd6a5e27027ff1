using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// Suggests terms from the labeled stories the rules get wrong: word n-grams (1–3 words, no function word at either
/// end, not already a rule term) frequent in the relevant stories the rules miss but rare in the irrelevant ones of
/// the same language (anchors that would catch them), and the reverse for rejected stories the rules would still
/// alert or hold (negative terms that would exclude them). Each comes with the preview of adding it.
/// </summary>
public static class TermSuggester
{
    public const double CatchWeight = 2.0;
    public const double ExcludeWeight = 1.5;

    /// <summary>Up to <paramref name="perLanguage"/> suggestions of each kind per language, best first.</summary>
    public static IReadOnlyList<TermSuggestion> Suggest(PreviewBaseline draft, int perLanguage = 3)
    {
        var labeled = Enumerable.Range(0, draft.Stories.Count)
            .Where(i => draft.Stories[i].Label is not null)
            .Select(i => (Story: draft.Stories[i], Label: draft.Stories[i].Label!, Verdict: draft.Verdicts[i], Grams: NGrams(draft.Stories[i])))
            .ToList();
        var known = new KnownTerms(RuleSetEdits.AllTerms(draft.Rules.Rules));
        var suggestions = new List<TermSuggestion>();
        foreach (var language in labeled.GroupBy(s => Language(s.Story)))
        {
            var stories = language.ToList();
            var missed = stories.Where(s => s.Label.Relevant && s.Verdict.Decision != ClassificationDecision.Send).ToList();
            var rejected = stories.Where(s => !s.Label.Relevant && s.Verdict.Decision != ClassificationDecision.Drop).ToList();
            var relevant = stories.Where(s => s.Label.Relevant).Select(s => s.Grams).ToList();
            var irrelevant = stories.Where(s => !s.Label.Relevant).Select(s => s.Grams).ToList();
            foreach (var (phrase, found, elsewhere) in Candidates(missed.Select(s => (s.Story.Text.Id, s.Grams)).ToList(), irrelevant, known, language.Key, perLanguage))
            {
                var edited = RuleSetEdits.AddAnchor(draft.Rules.Rules, language.Key, phrase, CatchWeight, "suggested: relevant stories the rules missed");
                suggestions.Add(new TermSuggestion(TermSuggestionKind.Catch, language.Key, phrase, CatchWeight, found, elsewhere, RulePreview.Run(draft, CompiledRuleSet.Compile(edited))));
            }
            foreach (var (phrase, found, elsewhere) in Candidates(rejected.Select(s => (s.Story.Text.Id, s.Grams)).ToList(), relevant, known, language.Key, perLanguage))
            {
                var edited = RuleSetEdits.AddNegative(draft.Rules.Rules, language.Key, phrase, ExcludeWeight, "suggested: stories staff rejected");
                suggestions.Add(new TermSuggestion(TermSuggestionKind.Exclude, language.Key, phrase, -ExcludeWeight, found, elsewhere, RulePreview.Run(draft, CompiledRuleSet.Compile(edited))));
            }
        }
        return suggestions;
    }

    /// <summary>Phrases in at least two target stories (or the only one), scored by how much more often they occur there than in the others.</summary>
    private static IEnumerable<(string Phrase, IReadOnlyList<string> Found, int Elsewhere)> Candidates(
        List<(string Id, HashSet<string> Grams)> targets, List<HashSet<string>> others, KnownTerms known, string language, int take)
    {
        if (targets.Count == 0)
        {
            yield break;
        }
        var minimum = Math.Min(2, targets.Count);
        var ranked = targets.SelectMany(t => t.Grams.Select(g => (Gram: g, t.Id)))
            .GroupBy(x => x.Gram, x => x.Id, StringComparer.Ordinal)
            .Where(g => g.Count() >= minimum)
            .Select(g => (Phrase: g.Key, Found: (IReadOnlyList<string>)[.. g.OrderBy(id => id, StringComparer.Ordinal)], Elsewhere: others.Count(o => o.Contains(g.Key))))
            .Where(c => c.Elsewhere * 3 <= c.Found.Count && !known.Covers(c.Phrase))
            .OrderByDescending(c => (double)c.Found.Count / targets.Count - (others.Count == 0 ? 0 : (double)c.Elsewhere / others.Count))
            .ThenByDescending(c => c.Phrase.Count(ch => ch == ' '))
            .ThenBy(c => c.Phrase, StringComparer.Ordinal);
        var chosen = new List<(string Phrase, IReadOnlyList<string> Found, int Elsewhere)>();
        foreach (var c in ranked)
        {
            // A phrase inside or around one already chosen, found in the same stories, says nothing new.
            if (chosen.Any(p => (p.Phrase.Contains(c.Phrase, StringComparison.Ordinal) || c.Phrase.Contains(p.Phrase, StringComparison.Ordinal)) && p.Found.SequenceEqual(c.Found)))
            {
                continue;
            }
            chosen.Add(c);
            yield return c;
            if (chosen.Count == take)
            {
                yield break;
            }
        }
    }

    private static HashSet<string> NGrams(PreviewStory story)
    {
        var words = Words.Of(story.Text.Title + "\n" + story.Text.Body);
        var language = Language(story);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (Stopwords.Contains(language, words[i]))
            {
                continue;
            }
            for (var n = 1; n <= 3 && i + n <= words.Count; n++)
            {
                var last = words[i + n - 1];
                if (!Stopwords.Contains(language, last) && (n > 1 || last.Length >= 4))
                {
                    grams.Add(string.Join(' ', words.Skip(i).Take(n)));
                }
            }
        }
        return grams;
    }

    private static string Language(PreviewStory story) => story.Text.Lang is { Length: >= 2 } l ? l[..2].ToLowerInvariant() : "en";

    /// <summary>The rules' terms as words: a phrase is covered when it is a term, contains one, or starts with a prefix term.</summary>
    private sealed class KnownTerms(IEnumerable<string> terms)
    {
        private readonly List<(string Phrase, bool Prefix)> terms = [.. terms.Select(Words.OfTerm).Where(t => t.Phrase.Length > 0).Distinct()];

        public bool Covers(string phrase)
        {
            var padded = " " + phrase + " ";
            foreach (var (term, prefix) in terms)
            {
                if (padded.Contains(" " + term + (prefix ? "" : " "), StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
