namespace CampaignFlow.Classification;

/// <summary>
/// Scores every topic of the rule set on one story: its terms (weighted up in the headline, some only
/// near an anchor) and proximity pairs; assigns those over their threshold and, for relative topics,
/// over a share of the strongest.
/// </summary>
internal sealed class TopicScorer(ScoringSettings scoring, string[] topicNames, TopicRule[] topicRules, bool[] hostTopicMask)
{
    /// <summary>
    /// One evidence row per topic, in rule-set order. Without an anchor only the host (meeting) topics
    /// are scored: most feed stories have no anchor and cannot be relevant, and the meeting topic alone
    /// is needed to place a meeting's host, which keeps the common case cheap.
    /// </summary>
    public List<TopicEvidence> Score(MatchContext m, List<AnchorSpan> anchors)
    {
        var only = anchors.Count > 0 ? null : hostTopicMask;
        var tallies = new List<Tally>?[topicNames.Length];
        CountTerms(m, anchors, only, tallies);
        CountProximity(m, only, tallies);
        var result = Conclude(tallies);
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

    private void CountTerms(MatchContext m, List<AnchorSpan> anchors, bool[]? only, List<Tally>?[] tallies)
    {
        foreach (var h in m.Hits[MatchKind.TopicTerm])
        {
            if (only is not null && !only[h.Usage.Rule])
            {
                continue;
            }
            var group = topicRules[h.Usage.Rule].Terms[h.Usage.Sub];
            if (group.Within is { } within && !MatchContext.NearAny(h, anchors, within))
            {
                continue;
            }
            // Why: a topic word in the headline says what the story is mainly about.
            var inTitle = h.Start < m.TitleEnd;
            Tally.Add(tallies[h.Usage.Rule] ??= New(), inTitle ? "topic-title" : "topic", h, m.Text,
                group.Weight * (inTitle ? scoring.TopicTitleFactor : 1), group.Reason, h.Usage.Sub);
        }
    }

    private void CountProximity(MatchContext m, bool[]? only, List<Tally>?[] tallies)
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
                    Tally.Add(tallies[left.Usage.Rule] ??= New(), "topic-proximity", left, m.Text, rule.Weight, rule.Reason, 1000 + left.Usage.Sub, right);
                    break;
                }
            }
        }
    }

    private List<TopicEvidence> Conclude(List<Tally>?[] tallies)
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
