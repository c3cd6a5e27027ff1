namespace CampaignFlow.Classification;

/// <summary>
/// Whether a story is about the ban: anchors, proximity pairs, contexts and negatives near them, the
/// headline bonus and the support of topic vocabulary, squashed to a 0–1 score and a decision.
/// </summary>
internal sealed class RelevanceScorer(RuleSet rules, TopicRule[] topicRules)
{
    /// <summary>The weighted evidence for relevance; fills <paramref name="anchors"/> with the anchor spans found.</summary>
    public List<TermMatch> CollectEvidence(MatchContext m, List<AnchorSpan> anchors)
    {
        var hits = m.Hits;
        var evidence = new List<Tally>(16);
        foreach (var h in hits[MatchKind.Anchor])
        {
            anchors.Add(new AnchorSpan(h.First, h.Last, h.Start));
            Tally.Add(evidence, "anchor", h, m.Text, rules.Anchors[h.Usage.Rule].Weight, rules.Anchors[h.Usage.Rule].Reason);
        }
        var fired = new List<(Hit Left, Hit Right)>(4);
        for (var r = 0; r < rules.Proximity.Count && hits[MatchKind.ProximityLeft].Count > 0; r++)
        {
            var rule = rules.Proximity[r];
            foreach (var (left, right) in FireProximity(hits, r, rule.Within, fired))
            {
                if (rule.Anchor)
                {
                    anchors.Add(new AnchorSpan(Math.Min(left.First, right.First), Math.Max(left.Last, right.Last), Math.Min(left.Start, right.Start)));
                }
                Tally.Add(evidence, "proximity", left, m.Text, rule.Weight, rule.Reason, r, right);
            }
        }
        foreach (var h in hits[MatchKind.Context].Concat(hits[MatchKind.Negative]))
        {
            var group = h.Usage.Kind == MatchKind.Context ? rules.Contexts[h.Usage.Rule] : rules.Negatives[h.Usage.Rule];
            if (group.Within is { } within && !MatchContext.NearAny(h, anchors, within))
            {
                continue;
            }
            Tally.Add(evidence, h.Usage.Kind == MatchKind.Context ? "context" : "negative", h, m.Text, group.Weight, group.Reason);
        }

        var matches = new List<TermMatch>(evidence.Count + 2);
        foreach (var t in evidence)
        {
            matches.Add(t.ToMatch(rules.Scoring));
        }
        return matches;
    }

    /// <summary>Adds the headline bonus and the topic support to the evidence, then scores and decides.</summary>
    public Relevance Conclude(MatchContext m, List<TermMatch> matches, List<AnchorSpan> anchors, List<TopicEvidence> topicEvidence, string title)
    {
        var s = rules.Scoring;
        var hasAnchor = anchors.Count > 0;
        if (anchors.Any(a => a.Start < m.TitleEnd) && s.TitleBonus != 0)
        {
            matches.Add(new TermMatch(title, 0, s.TitleBonus, "title"));
        }
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
        var raw = matches.Sum(x => x.Weight);
        var score = hasAnchor && raw > 0 ? Math.Round(raw / (raw + s.Scale), 3) : 0;
        var relevant = score >= s.Threshold;
        var decision = score >= s.ReviewLow && score < s.ReviewHigh
            ? ClassificationDecision.Hold
            : relevant ? ClassificationDecision.Send : ClassificationDecision.Drop;
        return new Relevance(matches, raw, score, relevant, decision);
    }

    private static List<(Hit Left, Hit Right)> FireProximity(HitSet hits, int rule, int within, List<(Hit Left, Hit Right)> fired)
    {
        fired.Clear();
        foreach (var left in hits[MatchKind.ProximityLeft])
        {
            if (left.Usage.Sub != rule)
            {
                continue;
            }
            foreach (var right in hits[MatchKind.ProximityRight])
            {
                if (right.Usage.Sub == rule && right.Usage.Rule == left.Usage.Rule &&
                    MatchContext.Distance(left.First, left.Last, right.First, right.Last) <= within)
                {
                    fired.Add((left, right));
                    break;
                }
            }
        }
        return fired;
    }
}
