using BenchmarkDotNet.Attributes;
using CampaignFlow.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Benchmarks;

/// <summary>
/// Server time of one live-preview edit in the staff console (budget: 300 ms on 500 recent stories plus the labeled
/// corpus, the workload of <see cref="PreviewWorkload"/>), and its parts: checking the edited JSON (parse, schema,
/// compile) and re-classifying every story with the compiled rules. Each invocation previews a different edit.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn, MaxColumn]
public class PreviewBenchmarks
{
    private const int Edits = 16;
    private PreviewBaseline _baseline = null!;
    private string[] _jsons = [];
    private CompiledRuleSet[] _compiled = [];
    private int _next;

    [Params(500)]
    public int RecentStories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _baseline = PreviewBaseline.Create(RuleSetLoader.LoadDefault(), PreviewWorkload.Stories(RecentStories));
        _jsons = [.. Enumerable.Range(0, Edits).Select(PreviewWorkload.EditJson)];
        _compiled = [.. _jsons.Select(j => RuleSetCheck.Of(j).Compiled!)];
    }

    /// <summary>One edit as the server handles it: check the JSON, classify every story, compare, score.</summary>
    [Benchmark(Baseline = true)]
    public int Edit() => PreviewWorkload.Edit(_baseline, _jsons[_next++ % Edits]).Changes.Count;

    /// <summary>Only the check of the edited JSON: parse, schema validation, semantic checks, compile.</summary>
    [Benchmark]
    public bool Check() => RuleSetCheck.Of(_jsons[_next++ % Edits]).IsValid;

    /// <summary>Only the preview proper with already compiled rules: classify every story, compare, score.</summary>
    [Benchmark]
    public int Classify() => RulePreview.Run(_baseline, _compiled[_next++ % Edits]).Changes.Count;

    /// <summary>Part of the check: the schema validation of the edited JSON (config/rules.schema.json).</summary>
    [Benchmark]
    public int Schema()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(_jsons[_next++ % Edits]);
        return RuleSetSchema.Default.Validate(doc.RootElement).Count;
    }

    /// <summary>Part of the check: parse, schema, deserialise, semantic checks (no compile).</summary>
    [Benchmark]
    public int Parse() => RuleSetLoader.Parse(_jsons[_next++ % Edits]).Anchors.Count;

    /// <summary>Part of the check: compiling valid rules into the term index and scorers.</summary>
    [Benchmark]
    public int Compile() => CompiledRuleSet.Compile(_compiled[_next++ % Edits].Rules).Terms.Count;
}
