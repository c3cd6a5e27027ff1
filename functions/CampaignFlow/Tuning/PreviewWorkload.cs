using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// The live preview's measured workload (<c>bench preview</c> and the BenchmarkDotNet job): the project's labeled
/// corpus plus a number of recent stories about as long as a ministry's article (~3 KB: ten corpus bodies
/// each, in a different order per story), and edits that each add a different term to the default rule set.
/// </summary>
public static class PreviewWorkload
{
    public static IReadOnlyList<PreviewStory> Stories(int recent)
    {
        var corpus = LabeledCorpus.ReadDefault();
        var stories = new List<PreviewStory>(corpus.Count + recent);
        stories.AddRange(corpus.Select(PreviewStory.Labeled));
        for (var i = 0; i < recent; i++)
        {
            var parts = Enumerable.Range(0, 10).Select(k => corpus[(i * 7 + k * 13) % corpus.Count]).ToList();
            stories.Add(PreviewStory.Recent(new StoryText($"recent-{i}", parts[0].Title, string.Join("\n\n", parts.Select(p => p.Body)), parts[0].Lang)));
        }
        return stories;
    }

    /// <summary>The default rule set's JSON with one more anchor term, different for each <paramref name="edit"/>.</summary>
    public static string EditJson(int edit) =>
        RuleSetJson.Write(RuleSetEdits.AddAnchor(RuleSetLoader.Parse(RuleSetLoader.ReadDefaultJson()), "en", $"edit term {edit}", 2, "benchmark edit"));

    /// <summary>One edit as the server handles it: check (parse, validate, compile) and preview against the baseline.</summary>
    public static PreviewResult Edit(PreviewBaseline baseline, string json) =>
        RulePreview.Run(baseline, RuleSetCheck.Of(json).Compiled ?? throw new InvalidOperationException("the benchmark edit is invalid"));
}
