using System.CommandLine;
using System.Diagnostics;
using System.Xml.Linq;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow test</c>: the whole suite (the tests start their own Azurite), ending with "N passed, N failed, N skipped".</summary>
public static class TestCommand
{
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "Run only the tests matching this dotnet test filter" };
        var unit = new Option<bool>("--unit") { Description = "Run only the unit tests (tests/CampaignFlow.Tests/Unit: no Azurite, no processes; seconds once built)" };
        var command = new Command("test", "Run every test and print 'N passed, N failed, N skipped'") { filter, unit };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(unit) ? Combine(UnitFilter, parse.GetValue(filter)) : parse.GetValue(filter), cancellationToken));
        return command;
    }

    private const string UnitFilter = "FullyQualifiedName~CampaignFlow.Tests.Unit.";

    private static string Combine(string first, string? second) => second is null ? first : $"({first})&({second})";

    private static async Task<int> RunAsync(string? filter, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var results = Directory.CreateTempSubdirectory("campaignflow-tests-");
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
            foreach (var arg in new[] { "test", Path.Combine(root, "CampaignFlow.sln"), "--logger", "trx", "--logger", "console;verbosity=normal", "--results-directory", results.FullName })
            {
                start.ArgumentList.Add(arg);
            }
            if (filter is not null)
            {
                start.ArgumentList.Add("--filter");
                start.ArgumentList.Add(filter);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet test");
            await process.WaitForExitAsync(cancellationToken);

            int passed = 0, failed = 0, skipped = 0;
            var trx = Directory.GetFiles(results.FullName, "*.trx", SearchOption.AllDirectories);
            foreach (var file in trx)
            {
                var counters = XDocument.Load(file).Descendants().First(e => e.Name.LocalName == "Counters");
                var total = (int?)counters.Attribute("total") ?? 0;
                var filePassed = (int?)counters.Attribute("passed") ?? 0;
                var fileFailed = ((int?)counters.Attribute("failed") ?? 0) + ((int?)counters.Attribute("error") ?? 0) + ((int?)counters.Attribute("timeout") ?? 0) + ((int?)counters.Attribute("aborted") ?? 0);
                passed += filePassed;
                failed += fileFailed;
                // The TRX logger has no counter of its own for skipped tests: they are the rest of the total.
                skipped += Math.Max(0, total - filePassed - fileFailed);
            }
            if (trx.Length == 0 || (process.ExitCode != 0 && failed == 0))
            {
                // The build or the test host failed before any result was written: count it as a failure.
                failed = Math.Max(failed, 1);
            }
            Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
            return failed == 0 && process.ExitCode == 0 ? 0 : 1;
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
