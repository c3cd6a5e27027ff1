using System.Buffers;

namespace CampaignFlow.Classification;

/// <summary>
/// One multi-pattern scan for every term of a rule set: <see cref="SearchValues{T}"/> finds candidate
/// positions (vectorised), a two-character bucket tells which terms start there, and word boundaries
/// are checked only at candidates.
/// </summary>
internal sealed class PatternMatcher
{
    private readonly SearchValues<string> values;
    private readonly Dictionary<int, int[]> buckets;
    private readonly string[] patterns;
    private readonly bool[] prefix;

    /// <param name="terms">Normalised, lower-case terms without the trailing '*'.</param>
    /// <param name="isPrefix">Whether each term may continue as a longer word.</param>
    public PatternMatcher(IReadOnlyList<string> terms, IReadOnlyList<bool> isPrefix)
    {
        patterns = [.. terms];
        prefix = [.. isPrefix];
        values = SearchValues.Create(patterns.Distinct().ToArray(), StringComparison.OrdinalIgnoreCase);
        buckets = Enumerable.Range(0, patterns.Length)
            .GroupBy(i => Key(patterns[i]))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => patterns[i].Length).ToArray());
    }

    public IReadOnlyList<string> Patterns => patterns;

    /// <summary>Every (pattern, start) where a term matches on word boundaries, by start, longest first.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<(int Pattern, int Start)> into)
    {
        var offset = 0;
        while (true)
        {
            var i = text[offset..].IndexOfAny(values);
            if (i < 0)
            {
                return;
            }
            var p = offset + i;
            offset = p + 1;
            if (p > 0 && TextNormalizer.IsWordChar(text[p - 1]))
            {
                continue;
            }
            if (!buckets.TryGetValue(Key(text[p..]), out var candidates))
            {
                continue;
            }
            foreach (var c in candidates)
            {
                var pat = patterns[c];
                if (!text[p..].StartsWith(pat, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var end = p + pat.Length;
                if (prefix[c] || end == text.Length || !TextNormalizer.IsWordChar(text[end]))
                {
                    into.Add((c, p));
                }
            }
        }
    }

    private static int Key(ReadOnlySpan<char> s) =>
        char.ToUpperInvariant(s[0]) | (s.Length > 1 ? char.ToUpperInvariant(s[1]) << 16 : 0);
}
