using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using CampaignFlow.Cli.Local;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>
/// <c>run</c> (continuous) as a process: it reports its HTTP endpoints and stops on Ctrl+C with exit 0. While it runs,
/// staff commands on the same <c>--state</c> use its Azurite instead of starting a second one on the same files
/// (issue 16, item 10), and a second <c>run</c> on that state is refused.
/// </summary>
public sealed partial class RunningHostTests : IDisposable
{
    private readonly TempDirectory _work = new();

    private Task<CliResult> CliAsync(params string[] args) => BuiltCli.RunAsync(_work.Path, args);

    /// <summary>Azurite processes serving this test's state folder (one per running node process).</summary>
    private int AzuritesOnTheState() => Process.GetProcessesByName("node").Count(p =>
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(Path.Combine(_work.Path, "state", "azurite"), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            p.Dispose();
        }
    });

    [Fact]
    public async Task StaffCommandsUseTheRunningHostsStorageAndTheRunStopsOnCtrlC()
    {
        Assert.False(IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(l => l.Port == 7071),
            "port 7071 (the local host's fixed HTTP port) is taken by another process on this machine: run cannot start");
        using var run = Process.Start(BuiltCli.StartInfo(_work.Path, ["run", "--state", "state", "--feed", Path.Combine(RepositoryRoot.Find(), "samples", "feeds", "regjeringen-mfa-en.xml")]))!;
        var output = new System.Text.StringBuilder();
        var endpoints = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        run.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data is { } line && HttpEndpoints().Match(line) is { Success: true } m)
            {
                endpoints.TrySetResult(m.Value);
            }
        };
        run.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            // Ends early if the run stops instead (a port taken, a start-up error): its output says why.
            var started = await Task.WhenAny(endpoints.Task, run.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(5)));
            Assert.True(started == endpoints.Task, $"no 'HTTP endpoints on' line (exited: {run.HasExited})\n{Snapshot(output)}");
            Assert.Equal(1, AzuritesOnTheState());

            var added = await CliAsync("subscribers", "add", "while-running@example.org", "--consent", "contract test", "--state", "state");
            var list = await CliAsync("subscribers", "list", "--state", "state");
            var second = await BuiltCli.RunAsync(_work.Path, ["run", "--once", "--state", "state"]);

            Assert.True(added.ExitCode == 0, added.ToString());
            Assert.Contains("the running host's Azurite", added.Error);
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains("the running host's Azurite", list.Error);
            // The demo subscribers the run seeded at start, and the one added beside it: one storage, not a stale copy.
            Assert.Contains("@example.org", list.Output.Replace("while-running@example.org", "", StringComparison.Ordinal));
            Assert.Contains("while-running@example.org", list.Output);
            Assert.Equal(3, second.ExitCode);
            Assert.Contains("another run", second.Error);
            Assert.Equal(1, AzuritesOnTheState());
        }
        finally
        {
            if (!run.HasExited)
            {
                await BuiltCli.InterruptAsync(run);
            }
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await run.WaitForExitAsync(limit.Token);
        }

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{Snapshot(output)}");
        Assert.Equal(0, AzuritesOnTheState());
        Assert.False(File.Exists(Path.Combine(_work.Path, "state", RunningHost.FileName)));
        // What was written through the run's Azurite is on disk once it stopped: the next command finds it.
        var after = await CliAsync("subscribers", "list", "--state", "state");
        Assert.Contains("while-running@example.org", after.Output);
        Assert.Contains("local Azurite", after.Error);
    }

    [Fact]
    public async Task ALockLeftByAProcessThatIsGoneIsTakenOver()
    {
        var state = Path.Combine(_work.Path, "state");
        Directory.CreateDirectory(state);
        // A run killed with SIGKILL leaves its lock: its process id is no longer alive (or belongs to a later process).
        await File.WriteAllTextAsync(Path.Combine(state, RunningHost.FileName),
            """{"Pid":2147483000,"ProcessStarted":"2026-01-01T00:00:00+00:00","Blob":"http://127.0.0.1:1/devstoreaccount1","Queue":"http://127.0.0.1:1/devstoreaccount1","Table":"http://127.0.0.1:1/devstoreaccount1"}""");

        var list = await CliAsync("subscribers", "list", "--state", "state");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("local Azurite", list.Error);
        Assert.Null(await RunningHost.FindAsync(state));
    }

    private static string Snapshot(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    public void Dispose() => _work.Dispose();

    [GeneratedRegex(@"HTTP endpoints on http://127\.0\.0\.1:\d+/api")]
    private static partial Regex HttpEndpoints();
}
