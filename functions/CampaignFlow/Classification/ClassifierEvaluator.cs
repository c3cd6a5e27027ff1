namespace CampaignFlow.Classification;

/// <summary>
/// Measures a rule set against labeled stories: relevance precision/recall/F1, per-label and micro-averaged
/// topic and region scores (over all stories: topics are empty when not relevant, regions are labeled
/// for every story), the same per language, the confusion list, every story whose verdict, topics or
/// regions differ from its labels, and decision changes against a baseline rule set.
/// </summary>
public static class ClassifierEvaluator
{
    /// <summary>
    /// The library side of `campaignflow classify evaluate [--corpus FILE | --heldout] [--rules FILE] [--baseline FILE]`:
    /// a null corpus is the embedded project corpus (its tuning part, or with <paramref name="heldOut"/> its
    /// held-out part), a null rules file the embedded default rule set.
    /// </summary>
    /// <exception cref="RuleSetValidationException">A rule-set file is invalid.</exception>
    public static EvaluationReport EvaluateFiles(string? corpusPath, string? rulesPath = null, string? baselinePath = null, bool heldOut = false)
    {
        var stories = corpusPath is not null ? LabeledCorpus.ReadFile(corpusPath) : heldOut ? LabeledCorpus.ReadHeldOut() : LabeledCorpus.ReadDefault();
        var rules = rulesPath is null ? RuleSetLoader.LoadDefault() : RuleSetLoader.Compile(File.ReadAllText(rulesPath), rulesPath);
        var baseline = baselinePath is null ? null : RuleSetLoader.Compile(File.ReadAllText(baselinePath), baselinePath);
        return Evaluate(stories, rules, baseline);
    }

    public static EvaluationReport Evaluate(IReadOnlyList<LabeledStory> stories, CompiledRuleSet rules, CompiledRuleSet? baseline = null)
    {
        var results = stories.Select(s => (Story: s, Verdict: rules.Classify(s.ToStoryText()))).ToList();
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
        return Score(rules.Version, results) with { BaselineVersion = baseline?.Version, DecisionChanges = changes };
    }

    /// <summary>
    /// Scores verdicts already made against their labels: the numbers of <see cref="Evaluate"/>, for callers
    /// that classify themselves (the staff console's live preview uses this, so both show the same figures).
    /// </summary>
    public static EvaluationReport Score(string version, IReadOnlyList<(LabeledStory Story, StoryVerdict Verdict)> results)
    {
        var topics = PerLabel(ClassificationTaxonomy.Topics, results.Select(r => (r.Story.Topics, r.Verdict.Topics)));
        var regions = PerLabel(ClassificationTaxonomy.Regions, results.Select(r => (r.Story.Regions, r.Verdict.Regions)));
        var confusion = results
            .Where(r => r.Story.Relevant != r.Verdict.Relevant)
            .Select(r => new ConfusionItem(r.Story.Id, r.Verdict.Relevant ? "false-positive" : "false-negative", r.Verdict.Score, r.Story.Title, r.Story.Note))
            .OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var languages = results
            .GroupBy(r => r.Story.Lang ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LanguageScores(
                g.Key,
                g.Count(),
                Count("relevance", g.Select(r => (Flag(r.Story.Relevant), Flag(r.Verdict.Relevant)))),
                PerLabel(ClassificationTaxonomy.Topics, g.Select(r => (r.Story.Topics, r.Verdict.Topics))).Micro,
                PerLabel(ClassificationTaxonomy.Regions, g.Select(r => (r.Story.Regions, r.Verdict.Regions))).Micro))
            .ToList();
        return new EvaluationReport
        {
            RuleSetVersion = version,
            Stories = results.Count,
            Relevance = Count("relevance", results.Select(r => (Flag(r.Story.Relevant), Flag(r.Verdict.Relevant)))),
            Topics = topics.Rows,
            TopicsMicro = topics.Micro,
            Regions = regions.Rows,
            RegionsMicro = regions.Micro,
            Languages = languages,
            Confusion = confusion,
            Errors = [.. results.Select(r => Error(r.Story, r.Verdict)).OfType<LabelError>()],
            Held = results.Count(r => r.Verdict.Decision == ClassificationDecision.Hold),
        };
    }

    /// <summary>The story's differences from its labels, or null when the classifier agrees on everything.</summary>
    private static LabelError? Error(LabeledStory story, StoryVerdict result)
    {
        static List<string> Minus(IEnumerable<string> a, IEnumerable<string> b) => [.. a.Except(b).Order(StringComparer.Ordinal)];
        var error = new LabelError(
            story.Id,
            story.Lang ?? "",
            story.Title,
            story.Relevant,
            result.Relevant,
            Minus(result.Topics, story.Topics),
            Minus(story.Topics, result.Topics),
            Minus(result.Regions, story.Regions),
            Minus(story.Regions, result.Regions));
        var wrong = error.LabeledRelevant != error.PredictedRelevant || error.ExtraTopics.Count + error.MissingTopics.Count + error.ExtraRegions.Count + error.MissingRegions.Count > 0;
        return wrong ? error : null;
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
