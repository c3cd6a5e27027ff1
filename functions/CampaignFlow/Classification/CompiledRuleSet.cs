using System.Collections.Frozen;

namespace CampaignFlow.Classification;

/// <summary>
/// A rule set compiled once into a single multi-pattern matcher plus rule tables. Immutable and
/// thread-safe: one instance serves every concurrent classification until a new version is swapped in.
/// </summary>
public sealed class CompiledRuleSet
{
    private const int RegionThreshold = 1;
    private readonly TokenMatcher matcher;
    private readonly string[] terms;
    private readonly PatternUsage[][] usages;
    private readonly bool[] isPrefix;
    private readonly string[] topicNames;
    private readonly TopicRule[] topicRules;
    private readonly bool[] hostTopicMask;
    private readonly int layers;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> fillers;
    private readonly FrozenDictionary<string, string> qualifiers;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> numberWords;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> months;
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ListSeparators =
        new[] { "and", "og", "et", "y", "e", "or", "eller", "ou", "o", "as", "well", "samt" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private CompiledRuleSet(RuleSet rules)
    {
        Rules = rules;
        Taxonomy = RuleSetTaxonomy.Of(rules);
        topicNames = [.. rules.Topics.Keys];
        topicRules = [.. topicNames.Select(n => rules.Topics[n])];
        hostTopicMask = [.. topicNames.Select(n => rules.Scoring.HostTopics.Contains(n))];
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

        matcher = new TokenMatcher(patterns, prefixes);
        terms = [.. patterns.Distinct()];
        usages = [.. uses.Select(u => u.ToArray())];
        isPrefix = [.. prefixes];
        var ci = StringComparer.OrdinalIgnoreCase;
        fillers = rules.Extraction.CountFillers.ToFrozenSet(ci).GetAlternateLookup<ReadOnlySpan<char>>();
        qualifiers = rules.Extraction.CountQualifiers.ToFrozenDictionary(ci);
        numberWords = rules.Extraction.NumberWords.ToFrozenDictionary(ci).GetAlternateLookup<ReadOnlySpan<char>>();
        months = rules.Extraction.Months.ToFrozenDictionary(ci).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // Why: per-thread scratch lists keep the hot path free of large allocations; the set itself stays immutable.
    [ThreadStatic]
    private static List<Token>? scratchTokens;
    [ThreadStatic]
    private static List<(int Pattern, int First, int Last)>? scratchMatches;

    public RuleSet Rules { get; }
    public string Version => Rules.Version;

    /// <summary>The topics and regions this set assigns, with their labels: what subscribers choose from.</summary>
    public RuleSetTaxonomy Taxonomy { get; }

    /// <summary>Every distinct normalised term the matcher looks for (the benchmark's raw scan uses the same).</summary>
    public IReadOnlyList<string> Terms => terms;

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

    public StoryVerdict Classify(StoryText story)
    {
        var text = story.Title + "\n\n" + story.Body;
        var titleEnd = story.Title.Length;
        var tokens = scratchTokens ??= new List<Token>(512);
        tokens.Clear();
        TokenMatcher.Tokenize(text, tokens);
        var hits = FindHits(text, tokens);
        var s = Rules.Scoring;

        var anchorSpans = new List<(int First, int Last, int Start)>();
        var evidence = new List<Tally>(16);
        foreach (var h in hits[MatchKind.Anchor])
        {
            anchorSpans.Add((h.First, h.Last, h.Start));
            Count(evidence, "anchor", h, text, Rules.Anchors[h.Usage.Rule].Weight, Rules.Anchors[h.Usage.Rule].Reason);
        }
        var fired = new List<(Hit Left, Hit Right)>(4);
        for (var r = 0; r < Rules.Proximity.Count && hits[MatchKind.ProximityLeft].Count > 0; r++)
        {
            var rule = Rules.Proximity[r];
            foreach (var (left, right) in FireProximity(hits, MatchKind.ProximityLeft, MatchKind.ProximityRight, r, rule.Within, fired))
            {
                if (rule.Anchor)
                {
                    anchorSpans.Add((Math.Min(left.First, right.First), Math.Max(left.Last, right.Last), Math.Min(left.Start, right.Start)));
                }
                Count(evidence, "proximity", left, text, rule.Weight, rule.Reason, r, right);
            }
        }
        var hasAnchor = anchorSpans.Count > 0;
        foreach (var h in hits[MatchKind.Context].Concat(hits[MatchKind.Negative]))
        {
            var group = h.Usage.Kind == MatchKind.Context ? Rules.Contexts[h.Usage.Rule] : Rules.Negatives[h.Usage.Rule];
            if (group.Within is { } within && !NearAny(h, anchorSpans, within))
            {
                continue;
            }
            Count(evidence, h.Usage.Kind == MatchKind.Context ? "context" : "negative", h, text, group.Weight, group.Reason);
        }

        var matches = new List<TermMatch>(evidence.Count + 2);
        foreach (var t in evidence)
        {
            matches.Add(t.ToMatch(s));
        }
        if (anchorSpans.Any(a => a.Start < titleEnd) && s.TitleBonus != 0)
        {
            matches.Add(new TermMatch(story.Title, 0, s.TitleBonus, "title"));
        }
        // Why: most feed stories have no anchor and cannot be relevant; for them only the meeting topic
        // (used to place a meeting's host) is scored, which keeps the common case cheap.
        var topicEvidence = ScoreTopics(text, hits, anchorSpans, titleEnd, hasAnchor ? null : hostTopicMask);
        var topicSum = 0.0;
        for (var t = 0; t < topicEvidence.Count; t++)
        {
            if (topicRules[t].SupportsRelevance && topicEvidence[t].Score > 0)
            {
                topicSum += topicEvidence[t].Score;
            }
        }
        if (hasAnchor && topicSum > 0 && s.TopicSupportFactor > 0)
        {
            var strongest = string.Join(", ", topicEvidence.Where(t => t.Score > 0).OrderByDescending(t => t.Score).Take(3).Select(t => t.Topic));
            matches.Add(new TermMatch($"topic vocabulary: {strongest}", 0, Math.Round(Math.Min(s.TopicSupportCap, s.TopicSupportFactor * topicSum), 3), "topics"));
        }
        var raw = matches.Sum(m => m.Weight);
        var score = hasAnchor && raw > 0 ? Math.Round(raw / (raw + s.Scale), 3) : 0;
        var relevant = score >= s.Threshold;
        var decision = score >= s.ReviewLow && score < s.ReviewHigh
            ? ClassificationDecision.Hold
            : relevant ? ClassificationDecision.Send : ClassificationDecision.Drop;
        if (!relevant)
        {
            for (var t = 0; t < topicEvidence.Count; t++)
            {
                if (topicEvidence[t].Assigned)
                {
                    topicEvidence[t] = topicEvidence[t] with { Assigned = false };
                }
            }
        }
        var topics = topicEvidence.Where(t => t.Assigned).Select(t => t.Topic).ToList();
        // Why: "Oslo" in "the Oslo Process" or "Convention d'Oslo" names the treaty, not a place.
        var places = hits[MatchKind.Place].Where(p => !hits[MatchKind.Anchor].Any(a => a.First <= p.First && p.Last <= a.Last)).ToList();
        var conferences = ExtractConferences(text, tokens, hits, places, story.Published, titleEnd);
        // Why: for a relevant story the assigned topics say whether it is about a meeting; otherwise the raw scores do.
        var aboutMeeting = relevant
            ? topics.Any(t => s.HostTopics.Contains(t))
            : topicEvidence.Any(t => t.Score >= t.Threshold && s.HostTopics.Contains(t.Topic));
        var (states, regions) = ResolveRegions(text, tokens, hits, places, aboutMeeting ? conferences : [], topics, titleEnd, relevant);

        return new StoryVerdict
        {
            Relevant = relevant,
            Score = score,
            RawScore = Math.Round(raw, 3),
            Decision = decision,
            Topics = topics,
            Regions = regions,
            Evidence = Sorted(matches, positive: true),
            Negatives = Sorted(matches, positive: false),
            TopicEvidence = topicEvidence,
            RuleSetVersion = Version,
            States = states,
            StateCounts = ExtractCounts(text, tokens, hits),
            Conferences = [.. conferences.Select(c => c.Mention)],
        };
    }

    /// <summary>Positive evidence strongest first, or negatives most negative first; ties by position.</summary>
    private static List<TermMatch> Sorted(List<TermMatch> matches, bool positive)
    {
        var list = new List<TermMatch>(matches.Count);
        foreach (var m in matches)
        {
            if (positive ? m.Weight > 0 : m.Weight < 0)
            {
                list.Add(m);
            }
        }
        list.Sort((a, b) => a.Weight != b.Weight
            ? (positive ? b.Weight.CompareTo(a.Weight) : a.Weight.CompareTo(b.Weight))
            : a.Position.CompareTo(b.Position));
        return list;
    }

    private HitSet FindHits(string text, List<Token> tokens)
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

    private static List<(Hit Left, Hit Right)> FireProximity(HitSet hits, MatchKind leftKind, MatchKind rightKind, int rule, int within, List<(Hit Left, Hit Right)> fired)
    {
        fired.Clear();
        foreach (var left in hits[leftKind])
        {
            if (left.Usage.Sub != rule)
            {
                continue;
            }
            foreach (var right in hits[rightKind])
            {
                if (right.Usage.Sub == rule && right.Usage.Rule == left.Usage.Rule &&
                    Distance(left.First, left.Last, right.First, right.Last) <= within)
                {
                    fired.Add((left, right));
                    break;
                }
            }
        }
        return fired;
    }

    /// <summary>Words from one span to the other: 1 when adjacent, 0 when they overlap.</summary>
    private static int Distance(int aFirst, int aLast, int bFirst, int bLast) =>
        aLast < bFirst ? bFirst - aLast : bLast < aFirst ? aFirst - bLast : 0;

    private static bool NearAny(Hit h, List<(int First, int Last, int Start)> spans, int within)
    {
        foreach (var a in spans)
        {
            if (Distance(h.First, h.Last, a.First, a.Last) <= within)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds one occurrence; a story has few distinct terms, so a list beats a hash table here.</summary>
    private static void Count(List<Tally> tallies, string kind, Hit h, string text, double weight, string? reason, int rule = -1, Hit? right = null)
    {
        var ruleKey = rule < 0 ? h.Usage.Rule : rule;
        foreach (var t in tallies)
        {
            if (t.Pattern == h.Pattern && t.Rule == ruleKey && ReferenceEquals(t.Kind, kind))
            {
                t.Count++;
                return;
            }
        }
        var term = right is { } r ? $"{h.Text(text)} … {r.Text(text)}" : h.Text(text);
        tallies.Add(new Tally(kind, ruleKey, h.Pattern, term, h.Start, weight, reason));
    }

    private List<TopicEvidence> ScoreTopics(string text, HitSet hits, List<(int First, int Last, int Start)> anchors, int titleEnd, bool[]? only)
    {
        var tallies = new List<Tally>?[topicNames.Length];
        static List<Tally> New() => new(8);
        foreach (var h in hits[MatchKind.TopicTerm])
        {
            if (only is not null && !only[h.Usage.Rule])
            {
                continue;
            }
            var group = topicRules[h.Usage.Rule].Terms[h.Usage.Sub];
            if (group.Within is { } within && !NearAny(h, anchors, within))
            {
                continue;
            }
            // Why: a topic word in the headline says what the story is mainly about.
            var inTitle = h.Start < titleEnd;
            Count(tallies[h.Usage.Rule] ??= New(), inTitle ? "topic-title" : "topic", h, text,
                group.Weight * (inTitle ? Rules.Scoring.TopicTitleFactor : 1), group.Reason, h.Usage.Sub);
        }
        foreach (var left in hits[MatchKind.TopicProximityLeft])
        {
            if (only is not null && !only[left.Usage.Rule])
            {
                continue;
            }
            var rule = topicRules[left.Usage.Rule].Proximity[left.Usage.Sub];
            foreach (var right in hits[MatchKind.TopicProximityRight])
            {
                if (right.Usage.Rule == left.Usage.Rule && right.Usage.Sub == left.Usage.Sub &&
                    Distance(left.First, left.Last, right.First, right.Last) <= rule.Within)
                {
                    Count(tallies[left.Usage.Rule] ??= New(), "topic-proximity", left, text, rule.Weight, rule.Reason, 1000 + left.Usage.Sub, right);
                    break;
                }
            }
        }
        var result = new List<TopicEvidence>(topicNames.Length);
        var cutoff = 0.0;
        var matchLists = new List<TermMatch>?[topicNames.Length];
        for (var t = 0; t < topicNames.Length; t++)
        {
            if (tallies[t] is { } found)
            {
                var list = new List<TermMatch>(found.Count);
                var total = 0.0;
                foreach (var tally in found)
                {
                    var m = tally.ToMatch(Rules.Scoring);
                    list.Add(m);
                    total += m.Weight;
                }
                matchLists[t] = list;
                cutoff = Math.Max(cutoff, total * Rules.Scoring.TopicRelativeCutoff);
            }
        }
        for (var t = 0; t < topicNames.Length; t++)
        {
            var threshold = topicRules[t].Threshold;
            if (matchLists[t] is not { } matches)
            {
                result.Add(new TopicEvidence(topicNames[t], 0, threshold, false, []));
                continue;
            }
            matches.Sort((a, b) => b.Weight.CompareTo(a.Weight));
            var score = 0.0;
            foreach (var m in matches)
            {
                score += m.Weight;
            }
            score = Math.Round(score, 3);
            result.Add(new TopicEvidence(topicNames[t], score, threshold, score >= threshold && (score >= cutoff || !topicRules[t].Relative), matches));
        }
        if (!result.Any(r => r.Assigned))
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

    private List<(ConferenceMention Mention, int Entry)> ExtractConferences(string text, List<Token> tokens, HitSet hits, List<Hit> places, DateTimeOffset? published, int titleEnd)
    {
        var found = new List<(ConferenceMention Mention, int Entry)>();
        foreach (var c in hits[MatchKind.Conference])
        {
            Hit? place = null;
            var best = int.MaxValue;
            foreach (var p in places)
            {
                // A place just before ("Lima conference") or a few words after ("held in Lima").
                var d = Distance(p.First, p.Last, c.First, c.Last);
                // Headlines compress: "Se inaugura en Lima la segunda conferencia" names the place a few words before.
                var limit = p.Last < c.First ? (c.Start < titleEnd ? 3 : 1) : 8;
                // A sentence break or a headline colon ends the meeting's description.
                if (d > 0 && d <= limit && d < best &&
                    text.AsSpan(Math.Min(p.End, c.End), Math.Max(0, Math.Max(p.Start, c.Start) - Math.Min(p.End, c.End))).IndexOfAny(".:;!?\n") < 0)
                {
                    best = d;
                    place = p;
                }
            }
            var dates = ExtractDates(text, tokens, c.Last + 1, Math.Min(tokens.Count, c.Last + 16), published);
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

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DateJoiners =
        new[] { "to", "til", "au", "al", "and", "og", "et", "y", "fra", "from", "du", "del", "de", "between", "mellom", "entre" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MonthLeads =
        new[] { "in", "i", "en", "of", "since", "during", "until", "from", "fra", "to", "til", "au", "al", "on", "le", "el", "the" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private string? ExtractDates(string text, List<Token> tokens, int from, int to, DateTimeOffset? published)
    {
        ReadOnlySpan<char> Word(int i) => text.AsSpan(tokens[i].Start, tokens[i].End - tokens[i].Start);
        for (var i = from; i < to; i++)
        {
            if (!months.ContainsKey(Word(i)))
            {
                continue;
            }
            var word = Word(i).ToString();
            var days = new List<string>();
            for (var j = i - 1; j >= from - 1 && j >= 0 && j >= i - 4; j--)
            {
                var w = Word(j);
                if (int.TryParse(w, out var d) && d is >= 1 and <= 31)
                {
                    days.Insert(0, w.ToString());
                }
                else if (!(days.Count > 0 && DateJoiners.Contains(w)))
                {
                    break;
                }
            }
            var year = i + 1 < tokens.Count && Word(i + 1) is { Length: 4 } y4 && int.TryParse(y4, out var y) && y is > 1900 and < 2100 ? y4.ToString() : null;
            // Why: "may" and "mars" are also ordinary words; a month needs a day, a year or a preposition.
            if (days.Count == 0 && year is null && !(i > 0 && MonthLeads.Contains(Word(i - 1))))
            {
                continue;
            }
            year ??= published?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var dayText = days.Count switch { 0 => "", 1 => days[0] + " ", _ => $"{days[0]}–{days[^1]} " };
            return $"{dayText}{word}{(year is null ? "" : " " + year)}";
        }
        return null;
    }

    private List<StateCount> ExtractCounts(string text, List<Token> tokens, HitSet hits)
    {
        ReadOnlySpan<char> Word(int i) => text.AsSpan(tokens[i].Start, tokens[i].End - tokens[i].Start);
        var counts = new List<StateCount>();
        foreach (var n in hits[MatchKind.CountNoun])
        {
            var i = n.First - 1;
            while (i >= 0 && i >= n.First - 3 && fillers.Contains(Word(i)))
            {
                i--;
            }
            if (i < 0)
            {
                continue;
            }
            var w = Word(i);
            if (!int.TryParse(w, out var count) && !numberWords.TryGetValue(w, out count))
            {
                continue;
            }
            if (count is < 2 or > 250)
            {
                continue;
            }
            var start = tokens[i].Start;
            string? qualifier = null;
            if (i >= 2 && qualifiers.TryGetValue($"{Word(i - 2)} {Word(i - 1)}", out var q2))
            {
                (qualifier, start) = (q2, tokens[i - 2].Start);
            }
            else if (i >= 1 && qualifiers.TryGetValue(Word(i - 1).ToString(), out var q1))
            {
                (qualifier, start) = (q1, tokens[i - 1].Start);
            }
            var mention = text[start..n.End];
            // Why: headlines repeat the lead; one count per distinct wording is enough.
            if (!counts.Exists(c => string.Equals(c.Text, mention, StringComparison.OrdinalIgnoreCase)))
            {
                counts.Add(new StateCount(mention, count, qualifier, start));
            }
        }
        return counts;
    }

    private (List<string> States, List<string> Regions) ResolveRegions(string text, List<Token> tokens, HitSet hits, List<Hit> places, List<(ConferenceMention Mention, int Entry)> conferences, List<string> topics, int titleEnd, bool relevant)
    {
        var regionTerms = hits[MatchKind.RegionTerm];
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
            if (i < ordered.Count && IsSeparator(text, tokens, ordered[i - 1].Hit, ordered[i].Hit))
            {
                continue;
            }
            // Why: a list of three or more places ("Afghanistan, Syria, Ukraine and Yemen", "Latin America,
            // Africa and Asia") is usually an aside; such a place counts only if mentioned elsewhere.
            if (i - run < 3)
            {
                run = i;
                continue;
            }
            var distinct = new HashSet<int>();
            for (var k = run; k < i; k++)
            {
                // The publishing state beside two partners ("Norway, Germany and Peru") is not a list of asides.
                if (!(ordered[k].IsPlace && Rules.Gazetteer[ordered[k].Hit.Usage.Rule].Home))
                {
                    distinct.Add(ordered[k].IsPlace ? ordered[k].Hit.Usage.Rule : -1 - ordered[k].Hit.Usage.Rule);
                }
            }
            if (distinct.Count >= 3)
            {
                for (var k = run; k < i; k++)
                {
                    (ordered[k].IsPlace ? enumerated : enumeratedTerms)[ordered[k].Index] = true;
                }
            }
            run = i;
        }
        var homeCounts = topics.Any(t => Rules.Scoring.HomeTopics.Contains(t)) &&
            places.Exists(p => p.Start < titleEnd && Rules.Gazetteer[p.Usage.Rule].Home);
        var hosts = new HashSet<int>();
        // Why: the story is about its first located meeting; later ones ("the next meeting will be in Vienna") are asides.
        foreach (var c in conferences)
        {
            if (c.Entry >= 0)
            {
                // The home state hosts many unrelated meetings; only a ban meeting held there makes it a region.
                if (!Rules.Gazetteer[c.Entry].Home || relevant)
                {
                    hosts.Add(c.Entry);
                    homeCounts |= Rules.Gazetteer[c.Entry].Home;
                }
                break;
            }
        }
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
            // Why: cities alone are weak evidence ("the Dublin system", "talks in Geneva"): together they count
            // at most half a state unless a meeting the story is about is held there.
            var city = p.Usage.Sub == 1 && !hosts.Contains(p.Usage.Rule);
            var key = city ? -1 - p.Usage.Rule : p.Usage.Rule;
            var worth = city ? 0.5 : p.Usage.Sub == 1 ? 1.0 : entry.Weight;
            weights[key] = Math.Min(city ? 0.5 : 1.0, weights.GetValueOrDefault(key) + worth);
        }
        Span<double> scores = stackalloc double[ClassificationTaxonomy.Regions.Count];
        foreach (var (key, w) in weights)
        {
            var e = key < 0 ? -1 - key : key;
            if (key < 0 && weights.ContainsKey(e))
            {
                continue;
            }
            scores[RegionIndex(Rules.Gazetteer[e].Region)] += w;
        }
        for (var i = 0; i < regionTerms.Count; i++)
        {
            if (!enumeratedTerms[i])
            {
                var g = Rules.RegionTerms[regionTerms[i].Usage.Rule];
                scores[RegionIndex(g.Region)] += g.Weight;
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

    /// <summary>True when only commas and list words ("and", "og", "y", "et") separate two places.</summary>
    private static bool IsSeparator(string text, List<Token> tokens, Hit a, Hit b)
    {
        if (b.First - a.Last > 3 || b.Start < a.End)
        {
            return false;
        }
        for (var t = a.Last + 1; t < b.First; t++)
        {
            if (!ListSeparators.Contains(text.AsSpan(tokens[t].Start, tokens[t].End - tokens[t].Start)))
            {
                return false;
            }
        }
        foreach (var c in text.AsSpan(a.End, b.Start - a.End))
        {
            if (c is not (' ' or ',') && !char.IsLetter(c))
            {
                return false;
            }
        }
        return true;
    }
}
