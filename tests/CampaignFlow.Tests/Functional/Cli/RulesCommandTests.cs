using System.CommandLine;
using Azure.Storage.Blobs;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Cli.Local;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Published;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary><c>rules publish|list|rollback|status</c> as staff run them, against a local state's Azurite.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string State => Path.Combine(_temp.Path, "state");

    /// <summary>A copy of config/rules.json under another version, optionally edited.</summary>
    private string RulesFile(string version, Func<string, string>? edit = null)
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "config", "rules.json"));
        var original = RuleSetLoader.Parse(json).Version;
        json = json.Replace($"\"version\": \"{original}\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);
        var file = Path.Combine(_temp.Path, $"rules-{version}-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, edit is null ? json : edit(json));
        return file;
    }

    /// <summary>The review band and threshold raised: stories near the old threshold change decision.</summary>
    private static string Stricter(string json) => json.Replace(
        "\"threshold\": 0.5,\n    \"reviewLow\": 0.45,\n    \"reviewHigh\": 0.55,",
        "\"threshold\": 0.7,\n    \"reviewLow\": 0.65,\n    \"reviewHigh\": 0.75,", StringComparison.Ordinal);

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await RulesCommand.Create().Parse([.. args, "--state", State]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<string> ActiveVersionInTheAppAsync()
    {
        await using var session = await StorageSession.OpenAsync(account: null, State);
        var provider = session.Services.GetRequiredService<IRuleSetProvider>();
        await provider.ReadyAsync();
        return provider.Current.Version;
    }

    [Fact]
    public async Task PublishShowsTheChangeOnTheCorpusAndTheAppPicksTheSetUp()
    {
        var file = RulesFile("2026.12.01-1", Stricter);

        var (exit, output, _) = await RunAsync("publish", file);

        Assert.Equal(0, exit);
        Assert.Contains($"{RuleSetLoader.LoadDefault().Version} (built-in)", output);
        Assert.Contains($"2026.12.01-1 ({file})", output);
        Assert.Matches(@"decisions that change \(\d+\):", output);
        Assert.Matches(@"\n  c\d+ +Send \(0\.\d{3}\) -> (Hold|Drop) \(0\.\d{3}\)  \[labeled relevant\]", output);
        Assert.Contains("published 2026.12.01-1 from", output);
        Assert.Equal("2026.12.01-1", await ActiveVersionInTheAppAsync());
    }

    [Fact]
    public async Task PublishRefusesAnInvalidFileWithItsLineAndTouchesNoStorage()
    {
        var file = RulesFile("2026.12.01-1", json => json.Replace("\"homeTopics\": [\"national-measures\"", "\"homeTopics\": [\"national-measure\"", StringComparison.Ordinal));
        var line = File.ReadAllLines(file).ToList().FindIndex(l => l.Contains("national-measure\"", StringComparison.Ordinal)) + 1;

        var (exit, output, error) = await RunAsync("publish", file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:line {line}: unknown topic \"national-measure\"", output);
        Assert.Contains("nothing published", error);
        Assert.False(Directory.Exists(State));
    }

    [Fact]
    public async Task PublishRefusesAnExistingVersionWithOtherRulesAndAsksForANewVersion()
    {
        var first = RulesFile("2026.12.01-1");
        Assert.Equal(0, (await RunAsync("publish", first)).Exit);

        var (exit, _, error) = await RunAsync("publish", RulesFile("2026.12.01-1", Stricter));

        Assert.Equal(1, exit);
        Assert.Contains("version 2026.12.01-1 is already published with other rules", error);
        Assert.Contains("bump \"version\"", error);
        Assert.Contains("\"2026.12.01-2\"", error);
        var (history, active) = await StoredAsync();
        Assert.Equal(["2026.12.01-1"], history);
        Assert.Equal(File.ReadAllText(first), active);
    }

    [Fact]
    public async Task PublishingAnUnchangedVersionAgainIsANoOpThatNeverUndoesARollback()
    {
        var first = RulesFile("2026.12.01-1");
        Assert.Equal(0, (await RunAsync("publish", first)).Exit);
        Assert.Equal(0, (await RunAsync("publish", RulesFile("2026.12.01-2", Stricter))).Exit);
        Assert.Equal(0, (await RunAsync("rollback", "2026.12.01-1")).Exit);

        var (exit, output, _) = await RunAsync("publish", RulesFile("2026.12.01-2", Stricter));

        Assert.Equal(0, exit);
        Assert.Contains("2026.12.01-2 is already published, unchanged, but the active rule set is 2026.12.01-1; nothing published", output);
        Assert.Equal("2026.12.01-1", await ActiveVersionInTheAppAsync());
        Assert.Contains("2026.12.01-1 is already published and active; nothing to do", (await RunAsync("publish", first)).Output);
    }

    [Fact]
    public async Task ListShowsVersionsNewestFirstAndRollbackMovesTheActiveMark()
    {
        // Names sort the other way round from publication, so the order can only come from the times.
        Assert.Equal(0, (await RunAsync("publish", RulesFile("b-1"))).Exit);
        Assert.Equal(0, (await RunAsync("publish", RulesFile("a-1", Stricter))).Exit);

        var before = Rows((await RunAsync("list")).Output);
        var (exit, output, _) = await RunAsync("rollback", "b-1");
        var after = Rows((await RunAsync("list")).Output);

        Assert.Equal([["a-1", "active"], ["b-1", ""]], before);
        Assert.Equal(0, exit);
        Assert.Contains("b-1 is active again (was a-1)", output);
        Assert.Equal([["a-1", ""], ["b-1", "active"]], after);
        Assert.Equal("b-1", await ActiveVersionInTheAppAsync());
    }

    [Fact]
    public async Task RollbackRefusesAVersionNotInTheHistory()
    {
        Assert.Equal(0, (await RunAsync("publish", RulesFile("2026.12.01-1"))).Exit);

        var (exit, _, error) = await RunAsync("rollback", "2026.11.01-9");

        Assert.Equal(1, exit);
        Assert.Contains("no version 2026.11.01-9 in the history; published: 2026.12.01-1", error);
        Assert.Equal("2026.12.01-1", await ActiveVersionInTheAppAsync());
    }

    [Fact]
    public async Task StatusSaysWhatIsActiveWhereItCameFromAndWhetherItIsValid()
    {
        var builtIn = await RunAsync("status");
        Assert.Equal(0, (await RunAsync("publish", RulesFile("2026.12.01-1"))).Exit);
        var published = await RunAsync("status");
        await using (var session = await StorageSession.OpenAsync(account: null, State))
        {
            var container = session.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("config");
            // What the old runbook did, and a hand edit of the active blob that the app refuses.
            await container.GetBlobClient("rules.json").UploadAsync(BinaryData.FromString("{}"), overwrite: true);
            await container.GetBlobClient("rules/active.json").UploadAsync(BinaryData.FromString("{\n  \"version\": \"hand-edit\",\n  \"anchors\": [ {\"terms\": [\"\"]} ]\n}"), overwrite: true);
        }
        var invalid = await RunAsync("status");

        Assert.Equal(0, builtIn.Exit);
        Assert.Contains($"active:   {RuleSetLoader.LoadDefault().Version}, built into the app (nothing published", builtIn.Output);
        Assert.Equal(0, published.Exit);
        Assert.Contains("active:   2026.12.01-1", published.Output);
        Assert.Contains("from:     config/rules/active.json, published ", published.Output);
        Assert.Contains("a copy of config/rules/history/2026.12.01-1.json", published.Output);
        Assert.Contains("valid:    yes", published.Output);
        Assert.Equal(1, invalid.Exit);
        Assert.Contains("active:   hand-edit", invalid.Output);
        Assert.Contains("not a published version: written by other means than rules publish", invalid.Output);
        Assert.Contains("valid:    no: the app refuses it", invalid.Output);
        Assert.Contains("config/rules/active.json:line 3: term \"\": value should be at least 2 characters", invalid.Output);
        Assert.Contains("note:     config/rules.json is not read by the app", invalid.Output);
    }

    private async Task<(IReadOnlyList<string> History, string? Active)> StoredAsync()
    {
        await using var session = await StorageSession.OpenAsync(account: null, State);
        var store = session.Services.GetRequiredService<BlobRuleSetStore>();
        return (await store.ListVersionsAsync(), await store.ReadActiveAsync());
    }

    /// <summary>The version and active columns of <c>rules list</c>.</summary>
    private static List<string[]> Rows(string output) =>
    [
        .. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(cells => new[] { cells[0], cells.Length > 2 ? cells[2] : "" }),
    ];

    public void Dispose() => _temp.Dispose();
}
