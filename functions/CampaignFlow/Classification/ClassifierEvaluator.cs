namespace CampaignFlow.Classification;

/// <summary>
/// Measures a rule set against labeled stories: relevance precision/recall/F1, per-label and micro-averaged
/// topic and region scores (over all stories: topics are empty when not relevant, regions are labeled
/// for every story), the confusion list, and decision changes against a baseline rule set.
/// </summary>
public static class ClassifierEvaluator
{
    /// <summary>
    /// The library side of `campaignflow classify evaluate --corpus FILE [--rules FILE] [--baseline FILE]`:
    /// a null corpus is the embedded project corpus, a null rules file the embedded default rule set.
    /// </summary>
    /// <exception cref="RuleSetValidationException">A rule-set file is invalid.</exception>
    public static EvaluationReport EvaluateFiles(string? corpusPath, string? rulesPath = null, string? baselinePath = null)
    {
        var stories = corpusPath is null ? LabeledCorpus.ReadDefault() : LabeledCorpus.ReadFile(corpusPath);
        var rules = rulesPath is null ? RuleSetLoader.LoadDefault() : RuleSetLoader.Compile(File.ReadAllText(rulesPath), rulesPath);
        var baseline = baselinePath is null ? null : RuleSetLoader.Compile(File.ReadAllText(baselinePath), baselinePath);
        return Evaluate(stories, rules, baseline);
    }

    public static EvaluationReport Evaluate(IReadOnlyList<LabeledStory> stories, CompiledRuleSet rules, CompiledRuleSet? baseline = null)
    {
        var results = stories.Select(s => (Story: s, Result: rules.Classify(s.ToStoryText()))).ToList();
        var relevance = Count("relevance", results.Select(r => (Flag(r.Story.Relevant), Flag(r.Result.Relevant))));
        var topics = PerLabel(ClassificationTaxonomy.Topics, results.Select(r => (r.Story.Topics, r.Result.Topics)));
        var regions = PerLabel(ClassificationTaxonomy.Regions, results.Select(r => (r.Story.Regions, r.Result.Regions)));
        var confusion = results
            .Where(r => r.Story.Relevant != r.Result.Relevant)
            .Select(r => new ConfusionItem(r.Story.Id, r.Result.Relevant ? "false-positive" : "false-negative", r.Result.Score, r.Story.Title, r.Story.Note))
            .OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var changes = new List<DecisionChange>();
        if (baseline is not null)
        {
            foreach (var (story, after) in results)
            {
                var before = baseline.Classify(story.ToStoryText());
                if (before.Decision != after.Decision)
                {
                    changes.Add(new DecisionChange(story.Id, story.Title, before.Decision, before.Score, after.Decision, after.Score, story.Relevant));
                }
            }
        }
        return new EvaluationReport
        {
            RuleSetVersion = rules.Version,
            BaselineVersion = baseline?.Version,
            Stories = stories.Count,
            Relevance = relevance,
            Topics = topics.Rows,
            TopicsMicro = topics.Micro,
            Regions = regions.Rows,
            RegionsMicro = regions.Micro,
            Confusion = confusion,
            DecisionChanges = changes,
            Held = results.Count(r => r.Result.Decision == ClassificationDecision.Hold),
        };
    }

    private static IEnumerable<string> Flag(bool value) => value ? ["relevant"] : [];

    private static (List<PrecisionRecall> Rows, PrecisionRecall Micro) PerLabel(IReadOnlyList<string> labels, IEnumerable<(IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted)> pairs)
    {
        var list = pairs.ToList();
        var rows = labels.Select(l => Count(l, list.Select(p => (p.Gold.Where(g => g == l), p.Predicted.Where(g => g == l))))).ToList();
        var micro = new PrecisionRecall("micro", rows.Sum(r => r.TruePositives), rows.Sum(r => r.FalsePositives), rows.Sum(r => r.FalseNegatives));
        return (rows, micro);
    }

    private static PrecisionRecall Count(string label, IEnumerable<(IEnumerable<string> Gold, IEnumerable<string> Predicted)> pairs)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (gold, predicted) in pairs)
        {
            var g = gold.ToHashSet();
            var p = predicted.ToHashSet();
            tp += g.Intersect(p).Count();
            fp += p.Except(g).Count();
            fn += g.Except(p).Count();
        }
        return new PrecisionRecall(label, tp, fp, fn);
    }
}
