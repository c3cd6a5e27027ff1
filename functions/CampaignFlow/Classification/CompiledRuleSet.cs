namespace CampaignFlow.Classification;

/// <summary>
/// A rule set compiled once into a term index plus the scorers and extractors that read its hits.
/// Immutable and thread-safe: one instance serves every concurrent classification until a new version
/// is swapped in.
/// </summary>
/// <remarks>
/// One story is tokenised and matched once (<see cref="TermIndex"/>); the resulting
/// <see cref="MatchContext"/> is shared by <see cref="RelevanceScorer"/>, <see cref="TopicScorer"/>,
/// <see cref="ConferenceExtractor"/>, <see cref="RegionResolver"/> and <see cref="CountExtractor"/>.
/// </remarks>
public sealed class CompiledRuleSet
{
    private readonly TermIndex index;
    private readonly RelevanceScorer relevance;
    private readonly TopicScorer topics;
    private readonly ConferenceExtractor conferences;
    private readonly RegionResolver regions;
    private readonly CountExtractor counts;

    // Why: per-thread scratch keeps the hot path free of large allocations; the set itself stays immutable.
    [ThreadStatic]
    private static List<Token>? scratchTokens;

    private CompiledRuleSet(RuleSet rules)
    {
        Rules = rules;
        Taxonomy = RuleSetTaxonomy.Of(rules);
        string[] topicNames = [.. rules.Topics.Keys];
        TopicRule[] topicRules = [.. topicNames.Select(n => rules.Topics[n])];
        bool[] hostTopicMask = [.. topicNames.Select(n => rules.Scoring.HostTopics.Contains(n))];
        index = new TermIndex(rules, topicNames);
        relevance = new RelevanceScorer(rules, topicRules);
        topics = new TopicScorer(rules.Scoring, rules.Aboutness, topicNames, topicRules, hostTopicMask);
        conferences = new ConferenceExtractor(rules.Gazetteer, rules.Extraction);
        regions = new RegionResolver(rules);
        counts = new CountExtractor(rules.Extraction);
    }

    public RuleSet Rules { get; }
    public string Version => Rules.Version;

    /// <summary>The topics and regions this set assigns, with their labels: what subscribers choose from.</summary>
    public RuleSetTaxonomy Taxonomy { get; }

    /// <summary>Every distinct normalised term the matcher looks for (the benchmark's raw scan uses the same).</summary>
    public IReadOnlyList<string> Terms => index.Terms;

    public static CompiledRuleSet Compile(RuleSet rules) => new(rules);

    public StoryVerdict Classify(StoryText story)
    {
        var text = story.Title + "\n\n" + story.Body;
        var tokens = scratchTokens ??= new List<Token>(512);
        tokens.Clear();
        TokenMatcher.Tokenize(text, tokens);
        var m = new MatchContext(text, tokens, index.FindHits(text, tokens), story.Title.Length, story.Published);

        var anchors = new List<AnchorSpan>();
        var matches = relevance.CollectEvidence(m, anchors);
        var topicEvidence = topics.Score(m, anchors);
        var verdict = relevance.Conclude(m, matches, anchors, topicEvidence, story.Title);
        if (!verdict.Relevant)
        {
            TopicScorer.Unassign(topicEvidence);
        }
        var assigned = topicEvidence.Where(t => t.Assigned).Select(t => t.Topic).ToList();
        var anchorHits = m.Hits[MatchKind.Anchor];
        var negativeHits = m.Hits[MatchKind.Negative];
        // Why: "Oslo" in "the Oslo Process", "Convention d'Oslo" or "the Oslo Accords" names a treaty, not a place.
        // A negative that is the place's own name ("Palestin*") leaves it a place.
        var places = m.Hits[MatchKind.Place].Where(p => !Within(p, anchorHits, 0) && !Within(p, negativeHits, 1)).ToList();
        var meetings = conferences.Extract(m, places);
        var hostTopics = Rules.Scoring.HostTopics;
        // Why: for a relevant story the assigned topics say whether it is about a meeting; otherwise the raw scores do.
        var aboutMeeting = verdict.Relevant
            ? assigned.Any(t => hostTopics.Contains(t))
            : topicEvidence.Any(t => t.Score >= t.Threshold && hostTopics.Contains(t.Topic));
        // Why: a meeting whose place the headline names ("94 states sign the ban in Oslo") is what the story is about.
        var located = aboutMeeting ? meetings : meetings.FindAll(c => c.Entry >= 0 && places.Exists(p => p.Start < m.TitleEnd && p.Usage.Rule == c.Entry));
        var (states, regionNames) = regions.Resolve(m, places, located, assigned, verdict.Relevant, anchors);

        return new StoryVerdict
        {
            Relevant = verdict.Relevant,
            Score = verdict.Score,
            RawScore = Math.Round(verdict.Raw, 3),
            Decision = verdict.Decision,
            Topics = assigned,
            Regions = regionNames,
            Evidence = Sorted(verdict.Matches, positive: true),
            Negatives = Sorted(verdict.Matches, positive: false),
            TopicEvidence = topicEvidence,
            RuleSetVersion = Version,
            States = states,
            StateCounts = counts.Extract(m),
            Conferences = [.. meetings.Select(c => c.Mention)],
        };
    }

    /// <summary>True when one of the names covers the place and is at least <paramref name="longer"/> words longer.</summary>
    private static bool Within(Hit p, IReadOnlyList<Hit> names, int longer)
    {
        foreach (var a in names)
        {
            if (a.First <= p.First && p.Last <= a.Last && a.Last - a.First >= p.Last - p.First + longer)
            {
                return true;
            }
        }
        return false;
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
}
