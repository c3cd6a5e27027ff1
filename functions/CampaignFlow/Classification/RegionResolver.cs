using System.Collections.Frozen;

namespace CampaignFlow.Classification;

/// <summary>
/// The states a story mentions and the regions it is about: places and region words weighed, asides
/// in long enumerations left out, the home state only where the story is about the ban at home, and a
/// city counting fully only where the meeting the story is about is held, and a state named only in the
/// background, away from the weapon, counting for less (<see cref="AboutnessSettings"/>).
/// </summary>
internal sealed class RegionResolver(RuleSet rules)
{
    private readonly AboutnessSettings about = rules.Aboutness;

    private const int RegionThreshold = 1;
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ListSeparators =
        new[] { "and", "og", "et", "y", "e", "or", "eller", "ou", "o", "as", "well", "samt", "the", "la", "le", "les", "l", "el", "los", "las" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public (List<string> States, List<string> Regions) Resolve(MatchContext m, List<Hit> places, List<(ConferenceMention Mention, int Entry)> conferences, List<string> topics, bool relevant, List<AnchorSpan> anchors)
    {
        var regionTerms = m.Hits[MatchKind.RegionTerm];
        var (enumerated, enumeratedTerms) = MarkEnumerations(m, places, regionTerms);
        var homeCounts = topics.Any(t => rules.Scoring.HomeTopics.Contains(t)) &&
            places.Exists(p => rules.Gazetteer[p.Usage.Rule].Home &&
                (p.Start < m.TitleEnd || about.HomeParagraphs > 0 && p.Start < m.LeadEnd)) ||
            topics.Any(t => rules.Scoring.HomeHeadlineTopics.Contains(t)) &&
            places.Exists(p => rules.Gazetteer[p.Usage.Rule].Home && p.Usage.Sub == 0 && p.Start < m.TitleEnd);
        var hosts = new HashSet<int>();
        // Why: the story is about its first located meeting; later ones ("the next meeting will be in Vienna") are asides.
        foreach (var c in conferences)
        {
            if (c.Entry >= 0)
            {
                // The home state hosts many unrelated meetings; unless the set says otherwise, only a ban meeting held there makes it a region.
                if (!rules.Gazetteer[c.Entry].Home || relevant || about.HomeHostsAnyMeeting)
                {
                    hosts.Add(c.Entry);
                    homeCounts |= rules.Gazetteer[c.Entry].Home;
                }
                break;
            }
        }
        var states = new List<string>();
        var weights = WeighPlaces(m, places, enumerated, hosts, homeCounts, states, anchors);
        Span<double> scores = stackalloc double[ClassificationTaxonomy.Regions.Count];
        foreach (var (key, w) in weights)
        {
            var e = key < 0 ? -1 - key : key;
            if (key < 0 && weights.ContainsKey(e))
            {
                continue;
            }
            scores[RegionIndex(rules.Gazetteer[e].Region)] += w;
        }
        for (var i = 0; i < regionTerms.Count; i++)
        {
            if (!enumeratedTerms[i])
            {
                var g = rules.RegionTerms[regionTerms[i].Usage.Rule];
                scores[RegionIndex(g.Region)] += g.Weight * Standing(m, regionTerms[i], anchors);
            }
        }
        var regions = new List<string>();
        for (var r = 0; r < scores.Length; r++)
        {
            if (scores[r] >= RegionThreshold)
            {
                regions.Add(ClassificationTaxonomy.Regions[r]);
            }
        }
        return (states, regions);
    }

    /// <summary>
    /// Weight per gazetteer entry (cities not hosting the meeting under -1 - entry); fills the states
    /// named, in order of first mention.
    /// </summary>
    private Dictionary<int, double> WeighPlaces(MatchContext m, List<Hit> places, bool[] enumerated, HashSet<int> hosts, bool homeCounts, List<string> states, List<AnchorSpan> anchors)
    {
        var weights = new Dictionary<int, double>();
        for (var i = 0; i < places.Count; i++)
        {
            var p = places[i];
            var entry = rules.Gazetteer[p.Usage.Rule];
            if (p.Usage.Sub == 0 && !states.Contains(entry.State))
            {
                states.Add(entry.State);
            }
            if (enumerated[i] || entry.Home && !homeCounts)
            {
                continue;
            }
            // Why: cities alone are weak evidence ("the Dublin system", "talks in Geneva"): together they count
            // at most half a state unless a meeting the story is about is held there.
            var city = p.Usage.Sub == 1 && !hosts.Contains(p.Usage.Rule);
            var key = city ? -1 - p.Usage.Rule : p.Usage.Rule;
            var worth = (city ? 0.5 : p.Usage.Sub == 1 ? 1.0 : entry.Weight) * (hosts.Contains(p.Usage.Rule) ? 1 : Standing(m, p, anchors));
            weights[key] = Math.Min(city ? 0.5 : 1.0, weights.GetValueOrDefault(key) + worth);
        }
        return weights;
    }

    /// <summary>
    /// 1 for a mention in the headline or lead, or beside the weapon; <see cref="AboutnessSettings.RegionBackgroundWeight"/>
    /// for one in the background: the states that act in the story stand up front or near the anchors.
    /// </summary>
    private double Standing(MatchContext m, Hit h, List<AnchorSpan> anchors)
    {
        if (about.RegionBackgroundWeight == 1 || h.Start < m.LeadEnd)
        {
            return 1;
        }
        return about.RegionAnchorWithin > 0 && MatchContext.NearAny(h, anchors, about.RegionAnchorWithin) ? 1 : about.RegionBackgroundWeight;
    }

    /// <summary>Which places and region words stand in a list of three or more distinct ones.</summary>
    private (bool[] Places, bool[] Terms) MarkEnumerations(MatchContext m, List<Hit> places, IReadOnlyList<Hit> regionTerms)
    {
        // Places and region words in text order, for finding enumerations.
        var ordered = new List<(Hit Hit, int Index, bool IsPlace)>(places.Count + regionTerms.Count);
        for (var i = 0; i < places.Count; i++)
        {
            ordered.Add((places[i], i, true));
        }
        for (var i = 0; i < regionTerms.Count; i++)
        {
            ordered.Add((regionTerms[i], i, false));
        }
        ordered.Sort((a, b) => a.Hit.Start.CompareTo(b.Hit.Start));
        var enumerated = new bool[places.Count];
        var enumeratedTerms = new bool[regionTerms.Count];
        var run = 0;
        for (var i = 1; i <= ordered.Count; i++)
        {
            if (i < ordered.Count && IsSeparator(m, ordered[i - 1].Hit, ordered[i].Hit))
            {
                continue;
            }
            // Why: a list of three or more places ("Afghanistan, Syria, Ukraine and Yemen", "Latin America,
            // Africa and Asia") is usually an aside; such a place counts only if mentioned elsewhere.
            if (i - run >= 3 && DistinctOutsideHome(ordered, run, i) >= 3)
            {
                for (var k = run; k < i; k++)
                {
                    (ordered[k].IsPlace ? enumerated : enumeratedTerms)[ordered[k].Index] = true;
                }
            }
            run = i;
        }
        return (enumerated, enumeratedTerms);
    }

    private int DistinctOutsideHome(List<(Hit Hit, int Index, bool IsPlace)> ordered, int from, int to)
    {
        var distinct = new HashSet<int>();
        for (var k = from; k < to; k++)
        {
            // The publishing state beside two partners ("Norway, Germany and Peru") is not a list of asides.
            if (!(ordered[k].IsPlace && rules.Gazetteer[ordered[k].Hit.Usage.Rule].Home))
            {
                distinct.Add(ordered[k].IsPlace ? ordered[k].Hit.Usage.Rule : -1 - ordered[k].Hit.Usage.Rule);
            }
        }
        return distinct.Count;
    }

    private static int RegionIndex(string region)
    {
        for (var i = 0; i < ClassificationTaxonomy.Regions.Count; i++)
        {
            if (ClassificationTaxonomy.Regions[i] == region)
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>True when only commas, list words ("and", "og", "y", "et") and articles ("la Russie et la Chine") separate two places.</summary>
    private static bool IsSeparator(MatchContext m, Hit a, Hit b)
    {
        if (b.First - a.Last > 3 || b.Start < a.End)
        {
            return false;
        }
        for (var t = a.Last + 1; t < b.First; t++)
        {
            if (!ListSeparators.Contains(m.Word(t)))
            {
                return false;
            }
        }
        foreach (var c in m.Text.AsSpan(a.End, b.Start - a.End))
        {
            if (c is not (' ' or ',' or '\'') && !char.IsLetter(c))
            {
                return false;
            }
        }
        return true;
    }
}
