using System.Collections.Frozen;

namespace CampaignFlow.Classification;

/// <summary>
/// A rule set compiled once into a single multi-pattern matcher plus rule tables. Immutable and
/// thread-safe: one instance serves every concurrent classification until a new version is swapped in.
/// </summary>
public sealed class CompiledRuleSet
{
    private const int RegionThreshold = 1;
    private readonly PatternMatcher matcher;
    private readonly PatternUsage[][] usages;
    private readonly bool[] isPrefix;
    private readonly string[] topicNames;
    private readonly int layers;
    private readonly FrozenSet<string> fillers;
    private readonly FrozenDictionary<string, string> qualifiers;
    private readonly FrozenDictionary<string, int> numberWords;
    private readonly FrozenDictionary<string, int> months;
    private static readonly FrozenSet<string> ListSeparators =
        new[] { "and", "og", "et", "y", "e", "or", "eller", "ou", "o", "as", "well", "samt" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private CompiledRuleSet(RuleSet rules)
    {
        Rules = rules;
        topicNames = [.. rules.Topics.Keys];
        var gazetteerLayer = 1 + topicNames.Length;
        layers = gazetteerLayer + 3;
        var index = new Dictionary<(string, bool), int>();
        var patterns = new List<string>();
        var prefixes = new List<bool>();
        var uses = new List<List<PatternUsage>>();
        void Add(string term, PatternUsage usage)
        {
            var (text, prefix) = Prepare(term);
            if (!index.TryGetValue((text, prefix), out var id))
            {
                id = patterns.Count;
                index[(text, prefix)] = id;
                patterns.Add(text);
                prefixes.Add(prefix);
                uses.Add([]);
            }
            if (!uses[id].Contains(usage))
            {
                uses[id].Add(usage);
            }
        }
        void AddGroups(IReadOnlyList<TermGroup> groups, MatchKind kind, int layer, int rule)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                foreach (var t in groups[g].Terms)
                {
                    Add(t, new PatternUsage(kind, layer, kind == MatchKind.TopicTerm ? rule : g, g));
                }
            }
        }
        void AddProximity(IReadOnlyList<ProximityRule> rulesList, MatchKind left, MatchKind right, int layer, int rule)
        {
            for (var r = 0; r < rulesList.Count; r++)
            {
                var topic = left == MatchKind.TopicProximityLeft;
                foreach (var t in rulesList[r].Terms)
                {
                    Add(t, new PatternUsage(left, layer, topic ? rule : r, r));
                }
                foreach (var t in rulesList[r].Near)
                {
                    Add(t, new PatternUsage(right, layer, topic ? rule : r, r));
                }
            }
        }

        AddGroups(rules.Anchors, MatchKind.Anchor, 0, 0);
        AddGroups(rules.Contexts, MatchKind.Context, 0, 0);
        AddGroups(rules.Negatives, MatchKind.Negative, 0, 0);
        AddProximity(rules.Proximity, MatchKind.ProximityLeft, MatchKind.ProximityRight, 0, 0);
        for (var t = 0; t < topicNames.Length; t++)
        {
            var topic = rules.Topics[topicNames[t]];
            AddGroups(topic.Terms, MatchKind.TopicTerm, 1 + t, t);
            AddProximity(topic.Proximity, MatchKind.TopicProximityLeft, MatchKind.TopicProximityRight, 1 + t, t);
        }
        for (var e = 0; e < rules.Gazetteer.Count; e++)
        {
            foreach (var n in rules.Gazetteer[e].Names)
            {
                Add(n, new PatternUsage(MatchKind.Place, gazetteerLayer, e, 0));
            }
            foreach (var c in rules.Gazetteer[e].Cities)
            {
                Add(c, new PatternUsage(MatchKind.Place, gazetteerLayer, e, 1));
            }
        }
        for (var r = 0; r < rules.RegionTerms.Count; r++)
        {
            foreach (var t in rules.RegionTerms[r].Terms)
            {
                Add(t, new PatternUsage(MatchKind.RegionTerm, gazetteerLayer, r, 0));
            }
        }
        foreach (var n in rules.Extraction.CountNouns)
        {
            Add(n, new PatternUsage(MatchKind.CountNoun, gazetteerLayer + 1, 0, 0));
        }
        foreach (var c in rules.Extraction.ConferenceTerms)
        {
            Add(c, new PatternUsage(MatchKind.Conference, gazetteerLayer + 2, 0, 0));
        }

        matcher = new PatternMatcher(patterns, prefixes);
        usages = [.. uses.Select(u => u.ToArray())];
        isPrefix = [.. prefixes];
        var ci = StringComparer.OrdinalIgnoreCase;
        fillers = rules.Extraction.CountFillers.ToFrozenSet(ci);
        qualifiers = rules.Extraction.CountQualifiers.ToFrozenDictionary(ci);
        numberWords = rules.Extraction.NumberWords.ToFrozenDictionary(ci);
        months = rules.Extraction.Months.ToFrozenDictionary(ci);
    }

    public RuleSet Rules { get; }
    public string Version => Rules.Version;

    /// <summary>Every distinct normalised term the matcher looks for (the benchmark's raw scan uses the same).</summary>
    public IReadOnlyList<string> Terms => matcher.Patterns;

    public static CompiledRuleSet Compile(RuleSet rules) => new(rules);

    /// <summary>Normalises a rule term the way text is normalised; a trailing '*' marks a prefix term.</summary>
    internal static (string Text, bool Prefix) Prepare(string term)
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

    public Classification Classify(StoryText story)
    {
        var text = story.Title + "\n\n" + story.Body;
        var titleEnd = story.Title.Length;
        var norm = TextNormalizer.Normalize(text);
        var hits = FindHits(norm);
        var s = Rules.Scoring;

        var anchorSpans = new List<(int Start, int End)>();
        var evidence = new Dictionary<(string Kind, int Rule, string Term), Tally>();
        foreach (var h in hits)
        {
            if (h.Usage.Kind == MatchKind.Anchor)
            {
                anchorSpans.Add((h.Start, h.End));
                Count(evidence, "anchor", h, Rules.Anchors[h.Usage.Rule].Weight, Rules.Anchors[h.Usage.Rule].Reason);
            }
        }
        for (var r = 0; r < Rules.Proximity.Count; r++)
        {
            var rule = Rules.Proximity[r];
            foreach (var (left, right) in FireProximity(norm, hits, MatchKind.ProximityLeft, MatchKind.ProximityRight, r, rule.Within))
            {
                if (rule.Anchor)
                {
                    anchorSpans.Add((Math.Min(left.Start, right.Start), Math.Max(left.End, right.End)));
                }
                Count(evidence, "proximity", left with { Term = $"{left.Term} … {right.Term}" }, rule.Weight, rule.Reason, r);
            }
        }
        var hasAnchor = anchorSpans.Count > 0;
        foreach (var h in hits)
        {
            if (h.Usage.Kind is MatchKind.Context or MatchKind.Negative)
            {
                var group = h.Usage.Kind == MatchKind.Context ? Rules.Contexts[h.Usage.Rule] : Rules.Negatives[h.Usage.Rule];
                if (group.Within is { } within && !NearAny(norm, h.Start, h.End, anchorSpans, within))
                {
                    continue;
                }
                Count(evidence, h.Usage.Kind == MatchKind.Context ? "context" : "negative", h, group.Weight, group.Reason);
            }
        }

        var matches = evidence.Values.Select(t => t.ToMatch(s)).ToList();
        if (anchorSpans.Any(a => a.Start < titleEnd) && s.TitleBonus != 0)
        {
            matches.Add(new TermMatch(story.Title, 0, s.TitleBonus, "title"));
        }
        var raw = matches.Sum(m => m.Weight);
        var score = hasAnchor && raw > 0 ? Math.Round(raw / (raw + s.Scale), 3) : 0;
        var relevant = score >= s.Threshold;
        var decision = score >= s.ReviewLow && score < s.ReviewHigh
            ? ClassificationDecision.Hold
            : relevant ? ClassificationDecision.Send : ClassificationDecision.Drop;

        var topicEvidence = ScoreTopics(norm, hits, anchorSpans, relevant);
        var topics = topicEvidence.Where(t => t.Assigned).Select(t => t.Topic).ToList();
        var conferences = ExtractConferences(text, norm, hits, story.Published);
        var (states, regions) = ResolveRegions(norm, hits, conferences, topics);

        return new Classification
        {
            Relevant = relevant,
            Score = score,
            RawScore = Math.Round(raw, 3),
            Decision = decision,
            Topics = topics,
            Regions = regions,
            Evidence = [.. matches.Where(m => m.Weight > 0).OrderByDescending(m => m.Weight).ThenBy(m => m.Position)],
            Negatives = [.. matches.Where(m => m.Weight < 0).OrderBy(m => m.Weight).ThenBy(m => m.Position)],
            TopicEvidence = topicEvidence,
            RuleSetVersion = Version,
            States = states,
            StateCounts = ExtractCounts(text, norm, hits),
            Conferences = [.. conferences.Select(c => c.Mention)],
        };
    }

    private List<Hit> FindHits(string norm)
    {
        var raw = new List<(int Pattern, int Start)>(64);
        matcher.FindAll(norm, raw);
        Span<int> coveredEnd = stackalloc int[layers];
        Span<int> keptStart = stackalloc int[layers];
        Span<int> keptPattern = stackalloc int[layers];
        keptPattern.Fill(-1);
        var hits = new List<Hit>(raw.Count);
        foreach (var (pid, start) in raw)
        {
            var end = start + matcher.Patterns[pid].Length;
            if (isPrefix[pid])
            {
                while (end < norm.Length && TextNormalizer.IsWordChar(norm[end]))
                {
                    end++;
                }
            }
            foreach (var u in usages[pid])
            {
                var same = keptPattern[u.Layer] == pid && keptStart[u.Layer] == start;
                if (!same)
                {
                    if (start < coveredEnd[u.Layer])
                    {
                        continue;
                    }
                    coveredEnd[u.Layer] = end;
                    keptStart[u.Layer] = start;
                    keptPattern[u.Layer] = pid;
                }
                hits.Add(new Hit(u, norm[start..end], start, end));
            }
        }
        return hits;
    }

    private static IEnumerable<(Hit Left, Hit Right)> FireProximity(string norm, List<Hit> hits, MatchKind leftKind, MatchKind rightKind, int rule, int within)
    {
        foreach (var left in hits)
        {
            if (left.Usage.Kind != leftKind || left.Usage.Sub != rule)
            {
                continue;
            }
            foreach (var right in hits)
            {
                if (right.Usage.Kind == rightKind && right.Usage.Sub == rule && right.Usage.Rule == left.Usage.Rule &&
                    Distance(norm, left.Start, left.End, right.Start, right.End, within) <= within)
                {
                    yield return (left, right);
                    break;
                }
            }
        }
    }

    private static int Distance(string norm, int aStart, int aEnd, int bStart, int bEnd, int within)
    {
        var (gapStart, gapEnd) = aStart <= bStart ? (aEnd, bStart) : (bEnd, aStart);
        // Why: a cheap character bound avoids counting words across whole paragraphs.
        return gapEnd - gapStart > within * 30 ? int.MaxValue : TextNormalizer.WordDistance(norm, gapStart, gapEnd);
    }

    private static bool NearAny(string norm, int start, int end, List<(int Start, int End)> spans, int within)
    {
        foreach (var a in spans)
        {
            if (Distance(norm, start, end, a.Start, a.End, within) <= within)
            {
                return true;
            }
        }
        return false;
    }

    private static void Count(Dictionary<(string, int, string), Tally> tallies, string kind, Hit h, double weight, string? reason, int rule = -1)
    {
        var key = (kind, rule < 0 ? h.Usage.Rule : rule, h.Term.ToLowerInvariant());
        if (tallies.TryGetValue(key, out var t))
        {
            t.Count++;
        }
        else
        {
            tallies[key] = new Tally(kind, h.Term, h.Start, weight, reason);
        }
    }

    private List<TopicEvidence> ScoreTopics(string norm, List<Hit> hits, List<(int Start, int End)> anchors, bool relevant)
    {
        var result = new List<TopicEvidence>(topicNames.Length);
        for (var t = 0; t < topicNames.Length; t++)
        {
            var topic = Rules.Topics[topicNames[t]];
            var tallies = new Dictionary<(string, int, string), Tally>();
            foreach (var h in hits)
            {
                if (h.Usage.Kind == MatchKind.TopicTerm && h.Usage.Rule == t)
                {
                    var group = topic.Terms[h.Usage.Sub];
                    if (group.Within is { } within && !NearAny(norm, h.Start, h.End, anchors, within))
                    {
                        continue;
                    }
                    Count(tallies, "topic", h, group.Weight, group.Reason, h.Usage.Sub);
                }
            }
            for (var r = 0; r < topic.Proximity.Count; r++)
            {
                foreach (var (left, _) in FireProximity(norm, hits, MatchKind.TopicProximityLeft, MatchKind.TopicProximityRight, r, topic.Proximity[r].Within))
                {
                    if (left.Usage.Rule == t)
                    {
                        Count(tallies, "topic-proximity", left, topic.Proximity[r].Weight, topic.Proximity[r].Reason, 1000 + r);
                    }
                }
            }
            var matches = tallies.Values.Select(x => x.ToMatch(Rules.Scoring)).OrderByDescending(m => m.Weight).ToList();
            var score = Math.Round(matches.Sum(m => m.Weight), 3);
            result.Add(new TopicEvidence(topicNames[t], score, topic.Threshold, relevant && score >= topic.Threshold, matches));
        }
        if (relevant && !result.Any(r => r.Assigned))
        {
            // Why: a relevant story always gets its strongest topic so subscribers filtering by topic still see it.
            var best = result.MaxBy(r => r.Score);
            if (best is { Score: > 0 })
            {
                result[result.IndexOf(best)] = best with { Assigned = true };
            }
        }
        return result;
    }

    private List<(ConferenceMention Mention, int Entry)> ExtractConferences(string text, string norm, List<Hit> hits, DateTimeOffset? published)
    {
        var found = new List<(ConferenceMention Mention, int Entry)>();
        foreach (var c in hits)
        {
            if (c.Usage.Kind != MatchKind.Conference)
            {
                continue;
            }
            Hit? place = null;
            var best = int.MaxValue;
            foreach (var p in hits)
            {
                if (p.Usage.Kind != MatchKind.Place)
                {
                    continue;
                }
                // A place just before ("Lima conference") or a few words after ("held in Lima").
                var d = p.End <= c.Start ? TextNormalizer.WordDistance(norm, p.End, c.Start) : p.Start >= c.End ? Distance(norm, c.Start, c.End, p.Start, p.End, 8) : int.MaxValue;
                var limit = p.End <= c.Start ? 1 : 8;
                if (d <= limit && d < best)
                {
                    best = d;
                    place = p;
                }
            }
            var dates = ExtractDates(text, norm, c.End, Math.Min(norm.Length, c.End + 90), published);
            if (place is null && dates is null)
            {
                continue;
            }
            var entry = place is { } pl ? Rules.Gazetteer[pl.Usage.Rule] : null;
            var name = place is { } before && before.End <= c.Start
                ? text[before.Start..c.End]
                : text[c.Start..c.End] + (place is { } after ? " in " + text[after.Start..after.End] : "");
            var mention = new ConferenceMention(name, place is { } q ? text[q.Start..q.End] : null, entry?.State, dates, c.Start);
            var existing = found.FindIndex(f => f.Mention.State is not null && f.Mention.State == mention.State);
            if (existing < 0)
            {
                found.Add((mention, place?.Usage.Rule ?? -1));
            }
            else if (found[existing].Mention.Dates is null && dates is not null)
            {
                found[existing] = (found[existing].Mention with { Dates = dates }, found[existing].Entry);
            }
        }
        return found;
    }

    private string? ExtractDates(string text, string norm, int from, int to, DateTimeOffset? published)
    {
        var words = Words(norm, from, to);
        for (var i = 0; i < words.Count; i++)
        {
            if (!months.ContainsKey(words[i].Word))
            {
                continue;
            }
            var days = new List<string>();
            for (var j = i - 1; j >= 0 && j >= i - 4; j--)
            {
                var w = words[j].Word;
                if (int.TryParse(w, out var d) && d is >= 1 and <= 31)
                {
                    days.Insert(0, w);
                }
                else if (w.Length > 3 || days.Count > 0 && !(w is "to" or "til" or "au" or "al" or "and" or "og" or "et" or "y" or "fra" or "from" or "du" or "del"))
                {
                    break;
                }
            }
            var year = i + 1 < words.Count && words[i + 1].Word.Length == 4 && int.TryParse(words[i + 1].Word, out var y) && y is > 1900 and < 2100
                ? y.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : published?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var month = text[words[i].Start..(words[i].Start + words[i].Word.Length)];
            var dayText = days.Count switch { 0 => "", 1 => days[0] + " ", _ => $"{days[0]}–{days[^1]} " };
            return $"{dayText}{month}{(year is null ? "" : " " + year)}";
        }
        return null;
    }

    private static List<(string Word, int Start)> Words(string norm, int from, int to)
    {
        var words = new List<(string, int)>();
        var i = from;
        while (i < to)
        {
            while (i < to && !TextNormalizer.IsWordChar(norm[i]))
            {
                i++;
            }
            var start = i;
            while (i < norm.Length && TextNormalizer.IsWordChar(norm[i]))
            {
                i++;
            }
            if (i > start)
            {
                words.Add((norm[start..i].ToLowerInvariant(), start));
            }
        }
        return words;
    }

    private List<StateCount> ExtractCounts(string text, string norm, List<Hit> hits)
    {
        var counts = new List<StateCount>();
        foreach (var n in hits)
        {
            if (n.Usage.Kind != MatchKind.CountNoun)
            {
                continue;
            }
            var before = Words(norm, Math.Max(0, n.Start - 60), n.Start);
            var i = before.Count - 1;
            while (i >= 0 && fillers.Contains(before[i].Word) && i >= before.Count - 3)
            {
                i--;
            }
            if (i < 0)
            {
                continue;
            }
            var w = before[i].Word;
            if (!int.TryParse(w, out var count) && !numberWords.TryGetValue(w, out count))
            {
                continue;
            }
            if (count is < 2 or > 250)
            {
                continue;
            }
            var start = before[i].Start;
            string? qualifier = null;
            if (i >= 2 && qualifiers.TryGetValue(before[i - 2].Word + " " + before[i - 1].Word, out var q2))
            {
                (qualifier, start) = (q2, before[i - 2].Start);
            }
            else if (i >= 1 && qualifiers.TryGetValue(before[i - 1].Word, out var q1))
            {
                (qualifier, start) = (q1, before[i - 1].Start);
            }
            counts.Add(new StateCount(text[start..n.End], count, qualifier, start));
        }
        return counts;
    }

    private (List<string> States, List<string> Regions) ResolveRegions(string norm, List<Hit> hits, List<(ConferenceMention Mention, int Entry)> conferences, List<string> topics)
    {
        var places = hits.Where(h => h.Usage.Kind == MatchKind.Place).ToList();
        var enumerated = new bool[places.Count];
        var run = 0;
        for (var i = 1; i <= places.Count; i++)
        {
            if (i < places.Count && IsSeparator(norm, places[i - 1].End, places[i].Start))
            {
                continue;
            }
            // Why: a list of three or more states ("Afghanistan, Syria, Ukraine and Yemen") is usually
            // an aside; such a state counts only if the story mentions it elsewhere.
            if (places.Skip(run).Take(i - run).Select(p => p.Usage.Rule).Distinct().Count() >= 3)
            {
                for (var k = run; k < i; k++)
                {
                    enumerated[k] = true;
                }
            }
            run = i;
        }
        var hosts = conferences.Where(c => c.Entry >= 0).Select(c => c.Entry).ToHashSet();
        var homeCounts = hosts.Any(h => Rules.Gazetteer[h].Home) ||
            topics.Any(t => Rules.Scoring.HomeTopics.Contains(t));
        var weights = new Dictionary<int, double>();
        var states = new List<string>();
        for (var i = 0; i < places.Count; i++)
        {
            var p = places[i];
            var entry = Rules.Gazetteer[p.Usage.Rule];
            if (p.Usage.Sub == 0 && !states.Contains(entry.State))
            {
                states.Add(entry.State);
            }
            if (enumerated[i] || entry.Home && !homeCounts)
            {
                continue;
            }
            var w = p.Usage.Sub == 1 && !hosts.Contains(p.Usage.Rule) ? 0.5 : 1.0;
            weights[p.Usage.Rule] = Math.Min(1.0, weights.GetValueOrDefault(p.Usage.Rule) + w);
        }
        var regionScores = new Dictionary<string, double>();
        foreach (var (e, w) in weights)
        {
            var region = Rules.Gazetteer[e].Region;
            regionScores[region] = regionScores.GetValueOrDefault(region) + w;
        }
        foreach (var h in hits)
        {
            if (h.Usage.Kind == MatchKind.RegionTerm)
            {
                var g = Rules.RegionTerms[h.Usage.Rule];
                regionScores[g.Region] = regionScores.GetValueOrDefault(g.Region) + g.Weight;
            }
        }
        var regions = ClassificationTaxonomy.Regions.Where(r => regionScores.GetValueOrDefault(r) >= RegionThreshold).ToList();
        return (states, regions);
    }

    private static bool IsSeparator(string norm, int from, int to)
    {
        if (to - from > 20)
        {
            return false;
        }
        foreach (var w in norm[from..to].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ListSeparators.Contains(w))
            {
                return false;
            }
        }
        return true;
    }
}
