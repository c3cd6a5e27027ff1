using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Cli.Bench;

/// <summary><c>campaignflow bench faults [--json] [--only NAME…] [--subscribers N] [--stories N] [--state DIR] [--markdown FILE] [--runs N]</c>.</summary>
public static class FaultsBenchCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON line per scenario, then the summary line, on standard output (progress on standard error)" };
        var only = new Option<string[]>("--only") { Description = "Run only these scenarios (names as in the output); repeatable", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var subscribers = new Option<int>("--subscribers") { Description = "How many subscribers the bench seeds (mixed choices, some not active)", DefaultValueFactory = _ => 2000 };
        var state = new Option<string?>("--state") { Description = "Folder for the scenarios' state (Azurite data); default .state/faults in the repository" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the fault table as Markdown to FILE (docs/reliability.md)" };
        var stories = new Option<int>("--stories") { Description = "How many stories each scenario's main poll publishes", DefaultValueFactory = _ => FaultMatrix.DefaultStories };
        var fromJson = new Option<string?>("--from-json") { Description = "Run nothing: write --markdown from the JSON lines a real run printed (saved to FILE)" };
        var runs = new Option<int>("--runs") { Description = "Run the matrix this many times (the Markdown shows the spread of the times)", DefaultValueFactory = _ => 1 };
        var command = new Command("faults", "The fault matrix end to end: local host, Azurite, loopback SendGrid, scripted feed server; exit 0 when every scenario passed")
        {
            json, only, subscribers, stories, state, markdown, runs, fromJson,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(fromJson) is { } recorded)
            {
                return await FromJsonAsync(recorded, parse.GetValue(markdown), parse.GetValue(subscribers), cancellationToken);
            }
            var names = parse.GetValue(only) ?? [];
            var unknown = names.Where(n => FaultMatrix.Scenarios.All(s => s.Name != n)).ToList();
            if (unknown.Count > 0 || parse.GetValue(subscribers) <= 0 || parse.GetValue(runs) <= 0 || parse.GetValue(stories) <= 0)
            {
                Console.Error.WriteLine(unknown.Count > 0
                    ? $"unknown scenario(s): {string.Join(", ", unknown)}; known: {string.Join(", ", FaultMatrix.Scenarios.Select(s => s.Name))}"
                    : "--subscribers, --stories and --runs must be positive");
                return 2;
            }
            var selected = FaultMatrix.Scenarios.Where(s => names.Length == 0 || names.Contains(s.Name)).ToList();
            var stateRoot = Path.Combine(StorageSession.StateDirectory(parse.GetValue(state)), "faults");
            return await RunAsync(selected, stateRoot, (parse.GetValue(subscribers), parse.GetValue(stories)), parse.GetValue(runs), parse.GetValue(json), parse.GetValue(markdown), cancellationToken);
        });
        return command;
    }

    /// <summary>The page from a recorded run's JSON lines (a repeated scenario name starts the next run).</summary>
    private static async Task<int> FromJsonAsync(string recorded, string? markdown, int subscribers, CancellationToken cancellationToken)
    {
        if (markdown is null)
        {
            Console.Error.WriteLine("--from-json needs --markdown FILE");
            return 2;
        }
        var runs = new List<List<FaultScenarioResult>> { new() };
        double seconds = 0;
        foreach (var line in await File.ReadAllLinesAsync(recorded, cancellationToken))
        {
            using var doc = JsonDocument.Parse(line);
            if (!doc.RootElement.TryGetProperty("scenario", out var name))
            {
                seconds += doc.RootElement.TryGetProperty("seconds", out var s) ? s.GetDouble() : 0;
                continue;
            }
            if (runs[^1].Any(r => r.Scenario == name.GetString()))
            {
                runs.Add([]);
            }
            runs[^1].Add(doc.RootElement.Deserialize<FaultScenarioResult>()!);
        }
        var results = runs.SelectMany(r => r).ToList();
        var summary = new FaultSummary(results.Count, results.Count(r => !r.Passed), results.Sum(r => r.Lost), results.Sum(r => r.Duplicates), seconds > 0 ? seconds : results.Sum(r => r.Seconds));
        await File.WriteAllTextAsync(markdown, ReliabilityReport.Render(runs, summary, subscribers), cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return 0;
    }

    private static async Task<int> RunAsync(IReadOnlyList<FaultScenario> scenarios, string stateRoot, (int Subscribers, int Stories) size, int runs, bool json, string? markdown, CancellationToken cancellationToken)
    {
        // The host logs to the console: keep standard output for the results.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        var all = new List<List<FaultScenarioResult>>();
        var clock = Stopwatch.StartNew();
        List<FaultScenarioResult> last = [];
        try
        {
            for (var run = 0; run < runs; run++)
            {
                last = [];
                foreach (var scenario in scenarios)
                {
                    Console.Error.WriteLine($"[faults] {scenario.Name}: {scenario.Fault} …");
                    var result = await FaultMatrix.RunAsync(scenario, stateRoot, size.Subscribers, size.Stories, cancellationToken);
                    Console.Error.WriteLine($"[faults] {scenario.Name}: {(result.Passed ? "passed" : "FAILED")} in {result.Seconds:0.0} s");
                    last.Add(result);
                    if (json)
                    {
                        stdout.WriteLine(JsonSerializer.Serialize(result));
                    }
                }
                all.Add(last);
            }
        }
        finally
        {
            Console.SetOut(stdout);
        }
        var results = all.SelectMany(r => r).ToList();
        var summary = new FaultSummary(results.Count, results.Count(r => !r.Passed), results.Sum(r => r.Lost), results.Sum(r => r.Duplicates), Math.Round(clock.Elapsed.TotalSeconds, 1));
        if (!json)
        {
            TextTable.Write(stdout, ["scenario", "stories", "expected", "sent", "dupl.", "lost", "unexp.", "uncl.", "uncert.", "poison", "recovered", "s", "result"],
                results.Select(r => (IReadOnlyList<string>)[r.Scenario, $"{r.Stories}", $"{r.Expected}", $"{r.Sent}", $"{r.Duplicates}", $"{r.Lost}", $"{r.Unexpected}", $"{r.Unclassified}", $"{r.Uncertain}", $"{r.Poison}/{r.PoisonExpected}", r.Recovered ? "yes" : "NO", $"{r.Seconds:0.0}", r.Passed ? "pass" : "FAIL"]));
            foreach (var failed in results.Where(r => !r.Passed))
            {
                stdout.WriteLine($"{failed.Scenario}: {failed.Notes}");
            }
        }
        stdout.WriteLine(JsonSerializer.Serialize(summary));
        if (markdown is not null)
        {
            await File.WriteAllTextAsync(markdown, ReliabilityReport.Render(all, summary, size.Subscribers), cancellationToken);
            Console.Error.WriteLine($"[faults] wrote {Path.GetFullPath(markdown)}");
        }
        return summary.Failed == 0 ? 0 : 1;
    }
}
