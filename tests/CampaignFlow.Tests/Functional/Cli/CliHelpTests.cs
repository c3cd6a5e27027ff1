using System.CommandLine;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>
/// <c>--help</c> of every command, enumerated from the CLI's own command table (<see cref="CliCommands.Root"/>), so a
/// command added later is checked too: each runs as a process from a temporary directory, exits 0, shows its usage and
/// lists each of its options and subcommands.
/// </summary>
public sealed class CliHelpTests : IDisposable
{
    private readonly TempDirectory _work = new();

    /// <summary>Every command path under the root: ["run"], ["queues", "poison", "list"] …</summary>
    private static IEnumerable<string[]> Paths(Command command, string[] prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] path = [.. prefix, sub.Name];
            yield return path;
            foreach (var deeper in Paths(sub, path))
            {
                yield return deeper;
            }
        }
    }

    private static Command Find(string[] path) =>
        path.Aggregate((Command)CliRoot.Create(), (command, name) => command.Subcommands.Single(c => c.Name == name));

    [Fact]
    public void TheTableHasEveryCommandTheReadmeNames()
    {
        var names = Paths(CliRoot.Create(), []).Select(p => string.Join(' ', p)).ToHashSet();

        foreach (var command in new[]
        {
            "run", "test", "feeds inspect", "classify", "classify explain", "classify evaluate", "bench classify", "bench fanout", "bench load",
            "subscribers import", "subscribers add", "subscribers list", "subscribers remove", "subscribers export", "subscribers forget",
            "subscribers stats", "review list", "review approve", "review reject", "review export", "templates check", "templates preview",
            "templates publish", "rules publish", "rules list", "rules rollback", "rules status", "keys rotate", "sending pause",
            "sending resume", "sending status", "queues status", "queues poison list", "queues poison show", "queues poison replay",
            "queues poison discard",
        })
        {
            Assert.Contains(command, names);
        }
    }

    [Fact]
    public async Task EveryCommandAnswersHelpWithItsOptionsAndSubcommands()
    {
        var paths = Paths(CliRoot.Create(), []).Prepend([]).ToList();
        var failures = new List<string>();
        // Two at a time: the machine is shared; each is a short process.
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (path, _) =>
        {
            var result = await BuiltCli.RunAsync(_work.Path, [.. path, "--help"], timeout: TimeSpan.FromMinutes(2));
            var command = Find(path);
            var missing = command.Options.Where(o => !o.Hidden).Select(o => o.Name)
                .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))
                .Where(name => !result.Output.Contains(name, StringComparison.Ordinal))
                .ToList();
            if (result.ExitCode != 0 || !result.Output.Contains("Usage:", StringComparison.Ordinal) || missing.Count > 0)
            {
                lock (failures)
                {
                    failures.Add($"campaignflow {string.Join(' ', path)} --help: exit {result.ExitCode}, missing [{string.Join(", ", missing)}]\n{result.Output}{result.Error}");
                }
            }
        });

        Assert.True(paths.Count >= 36, $"only {paths.Count} commands found");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    public void Dispose() => _work.Dispose();
}
