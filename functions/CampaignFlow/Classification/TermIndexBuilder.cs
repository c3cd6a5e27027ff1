namespace CampaignFlow.Classification;

/// <summary>
/// Collects every term of a rule set once, with each use a rule makes of it. The order of the calls
/// fixes the pattern ids, which break ties in evidence order, so <see cref="TermIndex"/> always adds in one order.
/// </summary>
internal sealed class TermIndexBuilder
{
    private readonly Dictionary<(string, bool), int> index = [];
    private readonly List<List<PatternUsage>> uses = [];

    public List<string> Patterns { get; } = [];
    public List<bool> Prefixes { get; } = [];

    public PatternUsage[][] Usages => [.. uses.Select(u => u.ToArray())];

    public void Add(string term, PatternUsage usage)
    {
        var (text, prefix) = TermIndex.Prepare(term);
        if (!index.TryGetValue((text, prefix), out var id))
        {
            id = Patterns.Count;
            index[(text, prefix)] = id;
            Patterns.Add(text);
            Prefixes.Add(prefix);
            uses.Add([]);
        }
        if (!uses[id].Contains(usage))
        {
            uses[id].Add(usage);
        }
    }

    public void AddGroups(IReadOnlyList<TermGroup> groups, MatchKind kind, int layer, int rule)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var t in groups[g].Terms)
            {
                Add(t, new PatternUsage(kind, layer, kind == MatchKind.TopicTerm ? rule : g, g));
            }
        }
    }

    public void AddProximity(IReadOnlyList<ProximityRule> rules, MatchKind left, MatchKind right, int layer, int rule)
    {
        var topic = left == MatchKind.TopicProximityLeft;
        for (var r = 0; r < rules.Count; r++)
        {
            foreach (var t in rules[r].Terms)
            {
                Add(t, new PatternUsage(left, layer, topic ? rule : r, r));
            }
            foreach (var t in rules[r].Near)
            {
                Add(t, new PatternUsage(right, layer, topic ? rule : r, r));
            }
        }
    }

    public void AddPlaces(IReadOnlyList<GazetteerEntry> gazetteer, IReadOnlyList<RegionTermGroup> regionTerms, int layer)
    {
        for (var e = 0; e < gazetteer.Count; e++)
        {
            foreach (var n in gazetteer[e].Names)
            {
                Add(n, new PatternUsage(MatchKind.Place, layer, e, 0));
            }
            foreach (var c in gazetteer[e].Cities)
            {
                Add(c, new PatternUsage(MatchKind.Place, layer, e, 1));
            }
        }
        for (var r = 0; r < regionTerms.Count; r++)
        {
            foreach (var t in regionTerms[r].Terms)
            {
                Add(t, new PatternUsage(MatchKind.RegionTerm, layer, r, 0));
            }
        }
    }

    public void AddAll(IEnumerable<string> terms, MatchKind kind, int layer)
    {
        foreach (var t in terms)
        {
            Add(t, new PatternUsage(kind, layer, 0, 0));
        }
    }
}
