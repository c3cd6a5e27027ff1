using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Operations;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>
/// The README's staff and operator commands as real processes of the built CLI on a local state (each starts and stops
/// its own Azurite on the state's data, as on a workstation), from a temporary working directory: exit codes and output.
/// </summary>
public sealed class RunbookCommandsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    private string State => Path.Combine(_work.Path, "state");

    private Task<CliResult> CliAsync(params string[] args) => BuiltCli.RunAsync(_work.Path, [.. args, "--state", "state"]);

    private static void AssertOk(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Output);
    }

    [Fact]
    public async Task SubscribersImportAddListExportStatsRemoveAndForget()
    {
        await File.WriteAllLinesAsync(Path.Combine(_work.Path, "people.csv"),
            ["email,name,language,topics,regions,cadence,consent", "ana@example.org,Ana,es,,,instant,form 2026-11-02", "bad@example.org,Bad,en,not-a-topic,,instant,form"]);

        var import = await CliAsync("subscribers", "import", "people.csv");
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("imported 1, skipped 0, rejected 1", import.Output);
        Assert.Contains("line 3:", import.Output);
        AssertOk(await CliAsync("subscribers", "add", "jo@example.org", "--consent", "asked at the 2026 meeting", "--language", "no", "--daily"), "added ");
        var list = await CliAsync("subscribers", "list");
        AssertOk(list, "email");
        Assert.Contains(list.Lines, l => l.StartsWith("ana@example.org", StringComparison.Ordinal) && l.Contains("Active", StringComparison.Ordinal));
        Assert.Contains(list.Lines, l => l.StartsWith("jo@example.org", StringComparison.Ordinal) && l.Contains("DailyDigest", StringComparison.Ordinal));
        AssertOk(await CliAsync("subscribers", "export", "jo@example.org"), "asked at the 2026 meeting");
        Assert.Matches(@"\ntotal +2\n", "\n" + (await CliAsync("subscribers", "stats")).Output.Replace("\r", "", StringComparison.Ordinal));
        AssertOk(await CliAsync("subscribers", "remove", "jo@example.org"), "removed (status unsubscribed)");
        AssertOk(await CliAsync("subscribers", "forget", "ana@example.org"), "erased ");
        Assert.DoesNotContain("ana@example.org", (await CliAsync("subscribers", "list")).Output);
    }

    [Fact]
    public async Task ReviewKeepsStaffDecisionsInStorageAndExportsThemOnlyWhenAsked()
    {
        var (held, other) = (await HeldStoryAsync(), await HeldStoryAsync());
        var corpusBefore = CorpusFingerprint();

        AssertOk(await CliAsync("review", "list"), held);
        var approve = await CliAsync("review", "approve", held);
        var reject = await CliAsync("review", "reject", other);
        var unknown = await CliAsync("review", "approve", "no-such-story");

        AssertOk(approve, "approved");
        AssertOk(reject, "rejected");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(corpusBefore, CorpusFingerprint());

        var export = await CliAsync("review", "export", "--to", "labeled.jsonl");
        var again = await CliAsync("review", "export", "--to", "labeled.jsonl");

        AssertOk(export, "exported 2 staff decisions");
        AssertOk(again, "exported 0 staff decisions");
        Assert.Contains("(2 already there)", again.Output);
        var exported = LabeledCorpus.ReadFile(Path.Combine(_work.Path, "labeled.jsonl"));
        Assert.Equal(2, exported.Count);
        Assert.Contains(exported, e => e.Id.Contains(held, StringComparison.Ordinal) && e.Relevant);
        Assert.Contains(exported, e => e.Id.Contains(other, StringComparison.Ordinal) && !e.Relevant);
        Assert.Equal(corpusBefore, CorpusFingerprint());
    }

    [Fact]
    public async Task SendingPauseStatusResumeAndQueuesStatusAndPoisonTools()
    {
        var poisoned = await PoisonAsync();

        AssertOk(await CliAsync("sending", "pause", "--reason", "contract test"), "sending paused");
        AssertOk(await CliAsync("sending", "status"), "paused: contract test");
        AssertOk(await CliAsync("sending", "resume"), "sending resumed");
        AssertOk(await CliAsync("sending", "status"), "sending");
        var status = await CliAsync("queues", "status");
        AssertOk(status, "queue");
        Assert.Contains(status.Lines, l => l.StartsWith("stories ", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        var list = await CliAsync("queues", "poison", "list", "stories");
        AssertOk(list, "contract test poison");
        var id = list.Lines.Single(l => l.Contains("contract test poison", StringComparison.Ordinal)).Split(' ')[0];
        AssertOk(await CliAsync("queues", "poison", "show", "stories", id), poisoned);
        AssertOk(await CliAsync("queues", "poison", "replay", "stories", id), "replayed");
        Assert.Equal(1, (await CliAsync("queues", "poison", "discard", "stories", id)).ExitCode);
        Assert.Equal(1, (await CliAsync("queues", "poison", "show", "stories", "no-such-id")).ExitCode);
    }

    [Fact]
    public async Task TemplatesCheckPreviewAndPublish()
    {
        var templates = Path.Combine(_work.Path, "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "config", "templates")))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        AssertOk(await BuiltCli.RunAsync(_work.Path, ["templates", "check"]), "templates OK");
        AssertOk(await BuiltCli.RunAsync(_work.Path, ["templates", "check", "templates"]), "templates OK");
        var preview = await BuiltCli.RunAsync(_work.Path, ["templates", "preview", "alert", "--lang", "fr", "--output", "out/alert.html"]);
        AssertOk(preview, Path.Combine(_work.Path, "out", "alert.html"));
        Assert.True(File.Exists(Path.Combine(_work.Path, "out", "alert.eml")));
        AssertOk(await CliAsync("templates", "publish"), "published");
        await File.AppendAllTextAsync(Path.Combine(templates, "alert.en.html"), "{% if %}");
        var broken = await BuiltCli.RunAsync(_work.Path, ["templates", "check", "templates"]);
        Assert.Equal(1, broken.ExitCode);
        Assert.Matches(@"alert\.en\.html:\d+: ", broken.Output);
    }

    [Fact]
    public async Task RulesPublishListStatusAndRollbackAndKeysRotate()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "config", "rules.json"));
        var original = RuleSetLoader.Parse(json).Version;
        foreach (var version in new[] { "2026.12.04-1", "2026.12.04-2" })
        {
            await File.WriteAllTextAsync(Path.Combine(_work.Path, $"{version}.json"), json.Replace($"\"version\": \"{original}\"", $"\"version\": \"{version}\"", StringComparison.Ordinal));
            AssertOk(await CliAsync("rules", "publish", $"{version}.json"), $"published {version}");
        }

        var list = await CliAsync("rules", "list");
        AssertOk(list, "2026.12.04-1");
        AssertOk(await CliAsync("rules", "status"), "2026.12.04-2");
        Assert.Equal(0, (await CliAsync("rules", "rollback", "2026.12.04-1")).ExitCode);
        AssertOk(await CliAsync("rules", "status"), "2026.12.04-1");

        AssertOk(await CliAsync("keys", "rotate"), "rotated");
        Assert.True(File.Exists(Path.Combine(State, "signing.previous")));
    }

    private async Task<string> HeldStoryAsync()
    {
        await using var session = await StorageSession.OpenAsync(account: null, State);
        var ledger = session.Services.GetRequiredService<CampaignFlow.Stories.IStoryLedger>();
        var id = "held-" + Guid.NewGuid().ToString("n")[..8];
        await ledger.TryAddAsync(new CampaignFlow.Stories.Story { Id = id, Feed = "mfa", Title = "Held story " + id, Summary = "Cluster munitions were discussed." });
        await ledger.SaveVerdictAsync(id, new StoryVerdict { Relevant = false, Score = 0.5, Decision = ClassificationDecision.Hold, RuleSetVersion = "1.0" });
        return id;
    }

    private async Task<string> PoisonAsync()
    {
        await using var session = await StorageSession.OpenAsync(account: null, State);
        var original = MessageSerializer.Serialize(new StoryMessage("poisoned-" + Guid.NewGuid().ToString("n")[..8], "mfa"));
        await session.Services.GetRequiredService<IMessageQueue>().SendAsync("stories-poison", new DeadLetter("stories", "contract test poison", original, DateTimeOffset.UtcNow));
        return original;
    }

    /// <summary>Every file under config/corpus with its content hash: staff decisions must not touch the tracked corpus.</summary>
    private static string CorpusFingerprint()
    {
        var corpus = Path.Combine(RepositoryRoot.Find(), "config", "corpus");
        return string.Join('\n', Directory.GetFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
    }

    public void Dispose() => _work.Dispose();
}
