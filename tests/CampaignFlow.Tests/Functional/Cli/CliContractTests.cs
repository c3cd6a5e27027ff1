using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>
/// The forms of ../shared/docs/cli-contracts.md that need no storage, each run as a real process of the built CLI from
/// a temporary working directory (relative paths in the arguments are relative to it), asserting the exit code and
/// the output's shape: fields, their types, and the relations the contract states. <c>test</c> is not run from a test
/// (it would run this suite again); <c>bench faults</c> runs in its short form (a few scenarios, few subscribers and
/// stories: the whole matrix takes minutes).
/// </summary>
public sealed partial class CliContractTests : IDisposable
{
    private readonly TempDirectory _work = new();

    private string Root => RepositoryRoot.Find();

    private Task<CliResult> CliAsync(params string[] args) => BuiltCli.RunAsync(_work.Path, args);

    /// <summary>The sample feeds copied under the working directory, named relative to it.</summary>
    private string[] SampleFeeds()
    {
        Directory.CreateDirectory(Path.Combine(_work.Path, "feeds"));
        return [.. Directory.GetFiles(Path.Combine(Root, "samples", "feeds"), "*.xml").Order(StringComparer.Ordinal).Select(f =>
        {
            File.Copy(f, Path.Combine(_work.Path, "feeds", Path.GetFileName(f)), overwrite: true);
            return Path.Combine("feeds", Path.GetFileName(f));
        })];
    }

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement.Clone();

    private static void AssertStringOrNull(JsonElement item, string name) =>
        Assert.True(item.GetProperty(name).ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{name} is {item.GetProperty(name).ValueKind}");

    private static void AssertDateOrNull(JsonElement item, string name)
    {
        var value = item.GetProperty(name);
        Assert.True(value.ValueKind == JsonValueKind.Null || IsoUtc().IsMatch(value.GetString()!), $"{name}: {value}");
    }

    [Fact]
    public async Task FeedsInspectJsonGivesOneContractLinePerSourceInOrderAndAnErrorLineForAnUnusableOne()
    {
        var sources = SampleFeeds().Append("no-such-feed.xml").ToArray();

        var result = await CliAsync(["feeds", "inspect", "--json", .. sources]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(sources.Length, result.Lines.Length);
        for (var i = 0; i < sources.Length - 1; i++)
        {
            var line = Json(result.Lines[i]);
            Assert.Equal(sources[i], line.GetProperty("source").GetString());
            Assert.True(line.GetProperty("ok").GetBoolean(), result.Lines[i]);
            Assert.Contains(line.GetProperty("format").GetString(), new[] { "rss2", "rss1", "atom", "other" });
            AssertStringOrNull(line, "title");
            AssertStringOrNull(line, "link");
            Assert.NotEqual(0, line.GetProperty("items").GetArrayLength());
            foreach (var item in line.GetProperty("items").EnumerateArray())
            {
                foreach (var field in new[] { "id", "title", "link", "summary", "author" })
                {
                    AssertStringOrNull(item, field);
                }
                AssertDateOrNull(item, "published");
                AssertDateOrNull(item, "updated");
                Assert.DoesNotContain('<', item.GetProperty("summary").GetString() ?? "");
            }
            Assert.All(line.GetProperty("warnings").EnumerateArray(), w => Assert.Equal(JsonValueKind.String, w.ValueKind));
        }
        var error = Json(result.Lines[^1]);
        Assert.Equal("no-such-feed.xml", error.GetProperty("source").GetString());
        Assert.False(error.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
        Assert.DoesNotContain('\n', error.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task FeedsInspectReadablyNamesTheFeedAndItsItems()
    {
        var source = SampleFeeds()[0];

        var result = await CliAsync("feeds", "inspect", source);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(source, result.Lines[0]);
        Assert.Matches(@"rss2: .+ \(\d+ items\)", result.Output);
    }

    [Fact]
    public async Task ClassifyWritesOneContractLinePerInputLineInOrder()
    {
        await File.WriteAllLinesAsync(Path.Combine(_work.Path, "in.jsonl"),
        [
            """{"id":"k1","title":"Chile destroys its cluster munitions","body":"Chile has destroyed its stockpile of cluster munitions under the Convention on Cluster Munitions.","lang":"en"}""",
            """{"id":"k2","title":"Fisheries talks","body":"Norway and Russia agreed on cod quotas for next year."}""",
            """not json""",
            """{"id":"k4","title":"No body"}""",
        ]);

        var result = await CliAsync("classify", "--input", "in.jsonl", "--output", "out.jsonl", "--rules", Path.Combine(Root, "config", "rules.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = (await File.ReadAllLinesAsync(Path.Combine(_work.Path, "out.jsonl"))).Where(l => l.Length > 0).Select(Json).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(new[] { "k1", "k2" }, lines.Take(2).Select(l => l.GetProperty("id").GetString()));
        foreach (var line in lines.Take(2))
        {
            Assert.Contains(line.GetProperty("relevant").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.InRange(line.GetProperty("score").GetDouble(), 0, 1);
            Assert.All(line.GetProperty("topics").EnumerateArray(), t => Assert.Contains(t.GetString(), ClassificationTaxonomy.Topics));
            Assert.All(line.GetProperty("regions").EnumerateArray(), r => Assert.Contains(r.GetString(), ClassificationTaxonomy.Regions));
        }
        Assert.True(lines[0].GetProperty("relevant").GetBoolean());
        Assert.False(lines[1].GetProperty("relevant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.String, lines[2].GetProperty("error").ValueKind);
        Assert.Equal("k4", lines[3].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, lines[3].GetProperty("error").ValueKind);
    }

    [SharedFact("corpus/stories.jsonl")]
    public async Task ClassifyOverTheSharedCorpusUsesOnlyItsTopicAndRegionNames()
    {
        var corpus = RepositoryRoot.Shared("corpus/stories.jsonl")!;
        var readme = await File.ReadAllTextAsync(RepositoryRoot.Shared("corpus/README.md")!);
        var names = SharedNames().Matches(readme).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        var result = await CliAsync("classify", "--input", corpus, "--output", "shared.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = (await File.ReadAllLinesAsync(Path.Combine(_work.Path, "shared.jsonl"))).Where(l => l.Length > 0).Select(Json).ToList();
        Assert.Equal(File.ReadLines(corpus).Count(l => l.Length > 0), lines.Count);
        var used = lines.SelectMany(l => l.GetProperty("topics").EnumerateArray().Concat(l.GetProperty("regions").EnumerateArray())).Select(v => v.GetString()!).ToHashSet();
        Assert.NotEmpty(used);
        Assert.Subset(names, used);
    }

    [Fact]
    public async Task ClassifyExplainReadsAFileOrStandardInput()
    {
        const string story = """{"id":"e1","title":"Peru ratifies","body":"Peru has ratified the Convention on Cluster Munitions."}""";
        await File.WriteAllTextAsync(Path.Combine(_work.Path, "story.json"), story);

        var fromFile = await CliAsync("classify", "explain", "story.json");
        var fromStdin = await BuiltCli.RunAsync(_work.Path, ["classify", "explain", "-"], input: story);

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Contains("Story     e1: Peru ratifies", fromFile.Output);
        Assert.Contains("Decision", fromFile.Output);
        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.Equal(fromFile.Output, fromStdin.Output);
    }

    [Fact]
    public async Task ClassifyEvaluateMeasuresARuleSetAndComparesItWithABaseline()
    {
        File.Copy(Path.Combine(Root, "config", "rules.json"), Path.Combine(_work.Path, "rules.json"));

        var plain = await CliAsync("classify", "evaluate");
        var compared = await CliAsync("classify", "evaluate", "--rules", "rules.json", "--baseline", "rules.json");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Matches(@"precision \d\.\d{3}\s+recall \d\.\d{3}\s+F1 \d\.\d{3}", plain.Output);
        Assert.True(compared.ExitCode == 0, compared.ToString());
        Assert.Contains("Decision changes from baseline", compared.Output);
    }

    [Fact]
    public async Task BenchClassifyPrintsTheContractObjectLastWithRatioEqualToTheQuotientOfItsRates()
    {
        var result = await CliAsync("bench", "classify", "--json", "--megabytes", "0.2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = Json(result.Lines[^1]);
        Assert.Equal(new[] { "stories", "megabytes", "classify_mb_per_s", "raw_scan_mb_per_s", "ratio" }, json.EnumerateObject().Select(p => p.Name));
        Assert.True(json.GetProperty("stories").TryGetInt32(out var stories) && stories > 0);
        Assert.True(json.GetProperty("megabytes").GetDouble() >= 0.2);
        BenchRelations.AssertRatio(json);
    }

    [Fact]
    public async Task BenchFanoutPrintsTheContractObjectLastWithEveryRecipientOnceInOneRequestPerThousand()
    {
        var result = await BuiltCli.RunAsync(_work.Path, ["bench", "fanout", "--subscribers", "50", "--json"], timeout: TimeSpan.FromMinutes(4));

        Assert.True(result.ExitCode == 0, result.ToString());
        BenchRelations.AssertFanout(Json(result.Lines[^1]), subscribers: 50);
    }

    [Fact]
    public async Task BenchFaultsShortFormPrintsALinePerScenarioAndTheSummaryWithEveryMailSentOnce()
    {
        string[] scenarios = ["sendgrid-500", "feed-truncated", "messages-unknown-version"];

        var result = await BuiltCli.RunAsync(_work.Path, ["bench", "faults", "--json", "--only", .. scenarios, "--subscribers", "60", "--stories", "8", "--state", "state"], timeout: TimeSpan.FromMinutes(6));

        Assert.True(result.ExitCode == 0, result.ToString());
        BenchRelations.AssertFaults(result.Lines.Select(Json).ToList(), scenarios);
        // Each scenario's state is where the caller said (relative to the working directory).
        Assert.All(scenarios, s => Assert.True(Directory.Exists(Path.Combine(_work.Path, "state", "faults", s, "azurite")), s));
    }

    [Fact]
    public async Task RunOnceWritesTheSummaryAndTheOutboxWhereTheCallerSaid()
    {
        var feed = SampleFeeds()[0];

        var result = await BuiltCli.RunAsync(_work.Path, ["run", "--once", "--state", "state", "--outbox", "mail", "--feed", feed], timeout: TimeSpan.FromMinutes(6));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var row in new[] { "feeds polled", "new stories", "classified", "relevant", "held for review", "alerts", "emails written", "emails failed", "poison messages" })
        {
            Assert.Matches($@"\n{row} +\d+", result.Output);
        }
        Assert.Matches(@"\nemails written +[1-9]\d*", result.Output);
        var outbox = Path.Combine(_work.Path, "mail");
        Assert.Contains($"outbox           {outbox}", result.Output);
        var emails = Directory.GetFiles(outbox, "*.eml");
        Assert.NotEmpty(emails);
        Assert.Equal(emails.Length, Directory.GetFiles(outbox, "*.html").Length);
        Assert.True(Directory.Exists(Path.Combine(_work.Path, "state", "azurite")));
        Assert.False(File.Exists(Path.Combine(_work.Path, "state", RunningHost.FileName)), "the run's lock is gone once it stopped");
    }

    public void Dispose() => _work.Dispose();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex IsoUtc();

    [GeneratedRegex(@"^- `(?<name>[a-z-]+)`|`(?<name>[a-z-]+)`(?=[,.])", RegexOptions.Multiline)]
    private static partial Regex SharedNames();
}
