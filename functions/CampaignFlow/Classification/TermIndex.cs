namespace CampaignFlow.Classification;

/// <summary>
/// Every term of a rule set compiled once into a single multi-pattern matcher, with the uses each rule
/// makes of a term. Overlaps are resolved leftmost-longest within a layer: relevance rules share layer 0,
/// each topic has its own, then places and region words, count nouns, conference words and boilerplate cues.
/// Immutable and thread-safe.
/// </summary>
internal sealed class TermIndex
{
    private readonly TokenMatcher matcher;
    private readonly PatternUsage[][] usages;
    private readonly int layers;

    // Why: per-thread scratch keeps the hot path free of large allocations; the index itself stays immutable.
    [ThreadStatic]
    private static List<(int Pattern, int First, int Last)>? scratchMatches;

    public TermIndex(RuleSet rules, IReadOnlyList<string> topicNames)
    {
        var gazetteerLayer = 1 + topicNames.Count;
        layers = gazetteerLayer + 4;
        var b = new TermIndexBuilder();
        b.AddGroups(rules.Anchors, MatchKind.Anchor, 0, 0);
        b.AddGroups(rules.Contexts, MatchKind.Context, 0, 0);
        b.AddGroups(rules.Negatives, MatchKind.Negative, 0, 0);
        b.AddProximity(rules.Proximity, MatchKind.ProximityLeft, MatchKind.ProximityRight, 0, 0);
        for (var t = 0; t < topicNames.Count; t++)
        {
            var topic = rules.Topics[topicNames[t]];
            b.AddGroups(topic.Terms, MatchKind.TopicTerm, 1 + t, t);
            b.AddProximity(topic.Proximity, MatchKind.TopicProximityLeft, MatchKind.TopicProximityRight, 1 + t, t);
        }
        b.AddPlaces(rules.Gazetteer, rules.RegionTerms, gazetteerLayer);
        b.AddAll(rules.Extraction.CountNouns, MatchKind.CountNoun, gazetteerLayer + 1);
        b.AddAll(rules.Extraction.ConferenceTerms, MatchKind.Conference, gazetteerLayer + 2);
        foreach (var t in rules.Extraction.HostTerms)
        {
            b.Add(t, new PatternUsage(MatchKind.Conference, gazetteerLayer + 2, 0, ConferenceExtractor.HostSub));
        }
        b.AddGroups(rules.Aboutness.Boilerplate, MatchKind.Boilerplate, gazetteerLayer + 3, 0);

        matcher = new TokenMatcher(b.Patterns, b.Prefixes);
        Terms = [.. b.Patterns.Distinct()];
        usages = b.Usages;
    }

    /// <summary>Every distinct normalised term the matcher looks for.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Normalises a rule term the way text is normalised; a trailing '*' marks a prefix term.</summary>
    public static (string Text, bool Prefix) Prepare(string term)
    {
        var t = term.Trim();
        var prefix = t.EndsWith('*');
        if (prefix)
        {
            t = t[..^1];
        }
        t = TextNormalizer.Normalize(t).ToLowerInvariant();
        while (t.Contains("  ", StringComparison.Ordinal))
        {
            t = t.Replace("  ", " ", StringComparison.Ordinal);
        }
        return (t.Trim(), prefix);
    }

    /// <summary>The hits in the tokenised text, per usage, leftmost-longest within each layer.</summary>
    public HitSet FindHits(string text, List<Token> tokens)
    {
        var raw = scratchMatches ??= new List<(int Pattern, int First, int Last)>(128);
        raw.Clear();
        matcher.FindAll(text, tokens, raw);
        Span<int> coveredEnd = stackalloc int[layers];
        Span<int> keptStart = stackalloc int[layers];
        Span<int> keptPattern = stackalloc int[layers];
        keptPattern.Fill(-1);
        keptStart.Fill(-1);
        var hits = new HitSet();
        foreach (var (pid, first, last) in raw)
        {
            foreach (var u in usages[pid])
            {
                var same = keptPattern[u.Layer] == pid && keptStart[u.Layer] == first;
                if (!same)
                {
                    if (first < coveredEnd[u.Layer])
                    {
                        continue;
                    }
                    coveredEnd[u.Layer] = last + 1;
                    keptStart[u.Layer] = first;
                    keptPattern[u.Layer] = pid;
                }
                hits.Add(new Hit(u, pid, tokens[first].Start, tokens[last].End, first, last));
            }
        }
        return hits;
    }
}
