using System.Text.Json;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Tools;

using CampaignFlow.Tests.Classification;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Unit.Classification;

public sealed class ClassifyCommandTests
{
    private static readonly RuleBasedClassifier Classifier = new(new StaticRuleSetProvider(TestRules.Default));

    [Fact]
    public async Task WritesOneLinePerInputLineInOrderWithErrorsForBadLines()
    {
        var input = string.Join('\n',
            """{"id":"a1","title":"Chile destroys its cluster munitions","body":"Chile has destroyed its stockpile of cluster munitions.","lang":"en","published":"2010-12-09"}""",
            """{"id":"a2","title":"Fisheries","body":"Quotas were agreed."}""",
            """not json""",
            """{"id":"a4","title":"No body"}""",
            "");
        var output = new StringWriter();

        var summary = await ClassifyCommand.RunAsync(new StringReader(input), output, Classifier);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new ClassifyRunSummary(4, 2, 2), summary);
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("a1", first.RootElement.GetProperty("id").GetString());
        Assert.True(first.RootElement.GetProperty("relevant").GetBoolean());
        Assert.Contains("stockpile-destruction", first.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Array, first.RootElement.GetProperty("regions").ValueKind);
        Assert.True(first.RootElement.GetProperty("evidence").GetArrayLength() > 0);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.False(second.RootElement.GetProperty("relevant").GetBoolean());
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal(JsonValueKind.Null, third.RootElement.GetProperty("id").ValueKind);
        Assert.StartsWith("invalid JSON", third.RootElement.GetProperty("error").GetString());
        using var fourth = JsonDocument.Parse(lines[3]);
        Assert.Equal("a4", fourth.RootElement.GetProperty("id").GetString());
        Assert.Contains("body", fourth.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void ExplainsAStoryReadably()
    {
        var story = new StoryText("x", "Norway condemns use of cluster munitions in Yemen", "Norway condemns reports of use of cluster munitions near Sanaa.", "en");

        var text = ClassificationExplainer.Explain(story, Classifier.Classify(story));

        Assert.Contains("Decision  Send", text);
        Assert.Contains("anchor", text);
        Assert.Contains("use-condemnation", text);
        Assert.Contains("Yemen", text);
        Assert.Contains("rule set " + TestRules.Default.Version, text);
    }

    [Fact]
    public async Task ExplainsAPrettyPrintedStoryFromAReader()
    {
        var input = "{\n  \"id\": \"e1\",\n  \"title\": \"Peru ratifies\",\n  \"body\": \"Peru has ratified the Convention on Cluster Munitions.\"\n}\n";
        var output = new StringWriter();

        var count = await ClassifyCommand.ExplainAsync(new StringReader(input), output, Classifier);

        Assert.Equal(1, count);
        Assert.Contains("Story     e1: Peru ratifies", output.ToString());
        Assert.Contains("signature-ratification", output.ToString());
        Assert.Contains("latin-america-caribbean", output.ToString());
    }

    [Fact]
    public void EvaluatesFilesWithABaseline()
    {
        var root = RepositoryPaths.Root!;
        var rules = Path.Combine(root, "config", "rules.json");

        var report = ClassifierEvaluator.EvaluateFiles(Path.Combine(root, "config", "corpus", "stories.jsonl"), rules, rules);

        Assert.Equal(TestRules.Default.Version, report.BaselineVersion);
        Assert.Empty(report.DecisionChanges);
        Assert.True(report.Stories >= 80);
    }

    [Fact]
    public void BenchmarkReportsTheContractFieldsWithRatioEqualToTheQuotientOfItsRates()
    {
        var stories = LabeledCorpus.ReadDefault().Take(20).Select(s => s.ToStoryText()).ToList();

        var result = ClassifierBenchmark.Run(TestRules.Default, stories, targetMegabytes: 0.05, rounds: 1);

        using var json = JsonDocument.Parse(result.ToJson());
        Assert.Equal(new[] { "stories", "megabytes", "classify_mb_per_s", "raw_scan_mb_per_s", "ratio" }, json.RootElement.EnumerateObject().Select(p => p.Name));
        // The stories are repeated until the target size is reached: at least the 20 given, and at least 0.05 MB of text.
        Assert.True(json.RootElement.GetProperty("stories").TryGetInt32(out var count) && count >= 20);
        Assert.True(json.RootElement.GetProperty("megabytes").GetDouble() >= 0.05);
        BenchRelations.AssertRatio(json.RootElement);
    }
}
