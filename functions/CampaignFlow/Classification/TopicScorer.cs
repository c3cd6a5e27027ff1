namespace CampaignFlow.Classification;

/// <summary>
/// Scores every topic of the rule set on one story: its terms (weighted by where they stand: headline,
/// lead, background or treaty boilerplate; some only near an anchor), proximity pairs and how many
/// paragraphs they spread over; assigns those over their threshold and, for relative topics, over a share
/// of the strongest.
/// </summary>
internal sealed class TopicScorer(ScoringSettings scoring, AboutnessSettings about, string[] topicNames, TopicRule[] topicRules, bool[] hostTopicMask)
{
    // Why: the defaults leave scores as they were, and then a story's layout is never worked out.
    private readonly bool zoned = about.LeadFactor != 1 || about.BackgroundFactor != 1 || about.SpreadBonus != 0 || about.BoilerplateFactor != 1;
    private readonly bool[]? agendaMask = about.MeetingHeadlineTopics.Count == 0 ? null : [.. topicNames.Select(about.MeetingHeadlineTopics.Contains)];

    /// <summary>
    /// One evidence row per topic, in rule-set order. Without an anchor only the host (meeting) topics
    /// are scored: most feed stories have no anchor and cannot be relevant, and the meeting topic alone
    /// is needed to place a meeting's host, which keeps the common case cheap.
    /// </summary>
    public List<TopicEvidence> Score(MatchContext m, List<AnchorSpan> anchors)
    {
        var only = anchors.Count > 0 ? null : hostTopicMask;
        var tallies = new List<Tally>?[topicNames.Length];
        // Why: without an anchor only the meeting topic is scored, to place a host; plain weights do for that.
        var zone = zoned && only is null;
        var spread = zone && about.SpreadBonus != 0 ? new int[topicNames.Length] : null;
        var boilerplate = zone && about.BoilerplateFactor != 1 ? BoilerplateSentences(m, only) : null;
        CountTerms(m, anchors, only, tallies, zone, boilerplate, spread);
        CountProximity(m, only, tallies, zone, boilerplate, spread);
        var result = Conclude(tallies, spread);
        if (agendaMask is not null && only is null)
        {
            LeaveTheAgenda(result);
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

    /// <summary>
    /// In a story about a meeting, a topic of <see cref="AboutnessSettings.MeetingHeadlineTopics"/> stays assigned
    /// only with evidence in the headline.
    /// </summary>
    private void LeaveTheAgenda(List<TopicEvidence> result)
    {
        var meeting = false;
        for (var t = 0; t < result.Count; t++)
        {
            meeting |= hostTopicMask[t] && result[t].Assigned;
        }
        if (!meeting)
        {
            return;
        }
        for (var t = 0; t < result.Count; t++)
        {
            if (agendaMask![t] && result[t].Assigned && !result[t].Matches.Any(x => x.Kind == "topic-title"))
            {
                result[t] = result[t] with { Assigned = false };
            }
        }
    }

    /// <summary>An irrelevant story gets no topics; its scores stay as evidence.</summary>
    public static void Unassign(List<TopicEvidence> topicEvidence)
    {
        for (var t = 0; t < topicEvidence.Count; t++)
        {
            if (topicEvidence[t].Assigned)
            {
                topicEvidence[t] = topicEvidence[t] with { Assigned = false };
            }
        }
    }

    private static List<Tally> New() => new(8);

    /// <summary>
    /// Sentences that recite the treaty rather than report news: those with a boilerplate cue, and those
    /// naming <see cref="AboutnessSettings.ListTopics"/> or more topics at once.
    /// </summary>
    private HashSet<int> BoilerplateSentences(MatchContext m, bool[]? only)
    {
        var sentences = new HashSet<int>();
        foreach (var h in m.Hits[MatchKind.Boilerplate])
        {
            sentences.Add(m.Layout.Sentence(h.Start));
        }
        if (about.ListTopics > 1)
        {
            var topicsBySentence = new Dictionary<int, int>();
            foreach (var h in m.Hits[MatchKind.TopicTerm])
            {
                if (only is null || only[h.Usage.Rule])
                {
                    var sentence = m.Layout.Sentence(h.Start);
                    topicsBySentence[sentence] = topicsBySentence.GetValueOrDefault(sentence) | 1 << (h.Usage.Rule & 31);
                }
            }
            foreach (var (sentence, mask) in topicsBySentence)
            {
                if (System.Numerics.BitOperations.PopCount((uint)mask) >= about.ListTopics)
                {
                    sentences.Add(sentence);
                }
            }
        }
        return sentences;
    }

    /// <summary>What a topic hit weighs where it stands, and the evidence kind that says so.</summary>
    private (double Factor, string Kind) Weigh(MatchContext m, Hit h, bool zone, HashSet<int>? boilerplate, int[]? spread)
    {
        // Why: a topic word in the headline says what the story is mainly about.
        if (h.Start < m.TitleEnd)
        {
            if (spread is not null)
            {
                spread[h.Usage.Rule] |= 1;
            }
            return (scoring.TopicTitleFactor, "topic-title");
        }
        if (!zone)
        {
            return (1, "topic");
        }
        if (boilerplate is not null && boilerplate.Contains(m.Layout.Sentence(h.Start)))
        {
            return (about.BoilerplateFactor, "topic-boilerplate");
        }
        if (spread is not null)
        {
            spread[h.Usage.Rule] |= 1 << Math.Min(m.Layout.Paragraph(h.Start), 30);
        }
        return h.Start < m.LeadEnd ? (about.LeadFactor, "topic-lead") : (about.BackgroundFactor, "topic");
    }

    private void CountTerms(MatchContext m, List<AnchorSpan> anchors, bool[]? only, List<Tally>?[] tallies, bool zone, HashSet<int>? boilerplate, int[]? spread)
    {
        var hits = m.Hits[MatchKind.TopicTerm];
        for (var i = 0; i < hits.Count; i++)
        {
            var h = hits[i];
            if (only is not null && !only[h.Usage.Rule] || InsideLonger(hits, i))
            {
                continue;
            }
            var group = topicRules[h.Usage.Rule].Terms[h.Usage.Sub];
            if (group.Within is { } within && !MatchContext.NearAny(h, anchors, within))
            {
                continue;
            }
            var (factor, kind) = Weigh(m, h, zone, boilerplate, spread);
            Tally.Add(tallies[h.Usage.Rule] ??= New(), kind, h, m.Text, group.Weight * factor, group.Reason, h.Usage.Sub);
        }
    }

    /// <summary>
    /// True when another topic's longer term covers this one: "States Parties" in "Meeting of States Parties"
    /// is part of the meeting's name, not news about treaty status.
    /// </summary>
    private static bool InsideLonger(IReadOnlyList<Hit> hits, int i)
    {
        // Hits come in text order of their first word, so only those starting at or shortly before this one can cover it.
        var h = hits[i];
        for (var j = i + 1; j < hits.Count && hits[j].First == h.First; j++)
        {
            if (Covers(hits[j], h))
            {
                return true;
            }
        }
        for (var j = i - 1; j >= 0 && h.First - hits[j].First <= MaxTermWords; j--)
        {
            if (Covers(hits[j], h))
            {
                return true;
            }
        }
        return false;
    }

    private const int MaxTermWords = 8;

    private static bool Covers(Hit o, Hit h) =>
        o.Usage.Rule != h.Usage.Rule && o.First <= h.First && o.Last >= h.Last && o.Last - o.First > h.Last - h.First;

    private void CountProximity(MatchContext m, bool[]? only, List<Tally>?[] tallies, bool zone, HashSet<int>? boilerplate, int[]? spread)
    {
        foreach (var left in m.Hits[MatchKind.TopicProximityLeft])
        {
            if (only is not null && !only[left.Usage.Rule])
            {
                continue;
            }
            var rule = topicRules[left.Usage.Rule].Proximity[left.Usage.Sub];
            foreach (var right in m.Hits[MatchKind.TopicProximityRight])
            {
                if (right.Usage.Rule == left.Usage.Rule && right.Usage.Sub == left.Usage.Sub &&
                    MatchContext.Distance(left.First, left.Last, right.First, right.Last) <= rule.Within)
                {
                    var factor = zone && left.Start >= m.TitleEnd ? Weigh(m, left, zone, boilerplate, spread).Factor : 1;
                    Tally.Add(tallies[left.Usage.Rule] ??= New(), "topic-proximity", left, m.Text, rule.Weight * factor, rule.Reason, 1000 + left.Usage.Sub, right);
                    break;
                }
            }
        }
    }

    private List<TopicEvidence> Conclude(List<Tally>?[] tallies, int[]? spread)
    {
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
                    var tm = tally.ToMatch(scoring);
                    list.Add(tm);
                    total += tm.Weight;
                }
                var paragraphs = spread is null ? 0 : System.Numerics.BitOperations.PopCount((uint)spread[t]);
                if (paragraphs > 1)
                {
                    // Why: a topic that runs through the story is what it is about; one paragraph may be an aside.
                    var bonus = Math.Round(about.SpreadBonus * (Math.Min(paragraphs, about.MaxSpread) - 1), 3);
                    list.Add(new TermMatch($"in {paragraphs} paragraphs", 0, bonus, "topic-spread"));
                    total += bonus;
                }
                matchLists[t] = list;
                cutoff = Math.Max(cutoff, total * scoring.TopicRelativeCutoff);
            }
        }
        var result = new List<TopicEvidence>(topicNames.Length);
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
            foreach (var tm in matches)
            {
                score += tm.Weight;
            }
            score = Math.Round(score, 3);
            result.Add(new TopicEvidence(topicNames[t], score, threshold, score >= threshold && (score >= cutoff || !topicRules[t].Relative), matches));
        }
        return result;
    }
}
