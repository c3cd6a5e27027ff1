using System.Diagnostics;
using Azure.Storage.Queues;
using CampaignFlow.Cli.Local;
using CampaignFlow.Pipeline;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// <c>campaignflow run</c> on a rig's state as a child process (continuous: the poll timer every few seconds, the queue
/// listeners, its own Azurite on the state's data), with the rig's settings as <c>CAMPAIGNFLOW_</c> variables. It can
/// be killed with SIGKILL (its orphaned Azurite is then stopped as storage that outlives the host would have kept the
/// data: gracefully) and started again on the same state.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private volatile bool _sawAlert;

    private ChildHost(Process process, StreamWriter log) => (_process, _log) = (process, log);

    /// <summary>Whether the host has logged a finished fan-out ("alert …: N subscriber(s)").</summary>
    public bool SawAlert => _sawAlert;

    public int Pid => _process.Id;

    public static ChildHost Start(FaultRig rig, string logName)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(ChildHost).Assembly.Location, "run", "--state", rig.Directory, "--feed", rig.FeedServer.Url })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["CAMPAIGNFLOW_ROOT"] = RepositoryRoot.Find();
        foreach (var (key, value) in rig.Overrides())
        {
            start.Environment["CAMPAIGNFLOW_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["CAMPAIGNFLOW_PollNewsFeed__Schedule"] = "*/5 * * * * *";
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start campaignflow run");
        var child = new ChildHost(process, new StreamWriter(Path.Combine(rig.Directory, logName)) { AutoFlush = true });
        _ = child.PumpAsync(process.StandardOutput);
        _ = child.PumpAsync(process.StandardError);
        return child;
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Contains(" alert ", StringComparison.Ordinal) && line.Contains("subscriber", StringComparison.Ordinal))
            {
                _sawAlert = true;
            }
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    /// <summary>SIGKILL to the host; then its orphaned Azurite is stopped with SIGTERM (it saves its data) before anything restarts.</summary>
    public async Task KillAsync()
    {
        var orphans = Descendants(_process.Id);
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        foreach (var pid in orphans)
        {
            using (var term = Process.Start("kill", ["-TERM", pid.ToString()]))
            {
                await term.WaitForExitAsync();
            }
            for (var i = 0; i < 150 && Directory.Exists($"/proc/{pid}"); i++)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Waits until the host's queues (visible and deferred) stay empty and the endpoint's count stays still for three
    /// checks in a row; false on timeout.
    /// </summary>
    public async Task<bool> WaitIdleAsync(string state, Func<int> received, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Until the restarted host has claimed the state, the lock file still names the killed one.
        RunningHost.Lease? lease;
        while ((lease = await RunningHost.FindAsync(state, cancellationToken)) is null)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                return false;
            }
            await Task.Delay(500, cancellationToken);
        }
        var queues = new QueueServiceClient(lease.ConnectionString);
        var (quiet, last) = (0, -1);
        while (quiet < 3)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var depth = 0;
            foreach (var name in QueueNames.All)
            {
                var queue = queues.GetQueueClient(name);
                depth += await queue.ExistsAsync(cancellationToken) ? (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;
            }
            var now = received();
            quiet = depth == 0 && now == last ? quiet + 1 : 0;
            last = now;
        }
        return true;
    }

    /// <summary>Stops the host as Ctrl+C would (SIGTERM), killing it if it does not stop within 60 s; its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        return _process.ExitCode;
    }

    private static List<int> Descendants(int pid)
    {
        var all = new List<int>();
        foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : [])
        {
            var path = Path.Combine(task, "children");
            foreach (var child in File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
            {
                all.Add(int.Parse(child));
                all.AddRange(Descendants(int.Parse(child)));
            }
        }
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
