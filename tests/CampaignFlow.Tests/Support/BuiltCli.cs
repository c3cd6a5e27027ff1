using System.Diagnostics;
using System.Text;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Support;

/// <summary>What a CLI process did: its exit code and everything it wrote.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines of standard output.</summary>
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// The CLI exactly as people run it: <c>dotnet CampaignFlow.Cli.dll …</c> from the build of the solution (the same
/// build the test project references), with <c>CAMPAIGNFLOW_ROOT</c> set as the <c>campaignflow</c> script sets it,
/// started as a real process in a working directory the caller chooses (never the repository's).
/// </summary>
public static class BuiltCli
{
    private static readonly Lazy<string> Path = new(Locate);

    public static string Dll => Path.Value;

    private static string Locate()
    {
        // The configuration the tests were built in (bin/Release/… or bin/Debug/…) is the CLI's too.
        var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = System.IO.Path.Combine(RepositoryRoot.Find(), "functions", "CampaignFlow.Cli", "bin", configuration, "net10.0", "CampaignFlow.Cli.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build CampaignFlow.sln ({configuration}) first");
    }

    /// <summary>
    /// How the CLI is started. Through coreutils' <c>env --default-signal=INT</c>, which then runs dotnet in the same
    /// process: a shell that starts a job in the background makes it ignore SIGINT, the ignoring is inherited down to
    /// this process's children, and .NET leaves an ignored SIGINT alone, so a test's Ctrl+C would never arrive.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["CAMPAIGNFLOW_ROOT"] = RepositoryRoot.Find();
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>Runs the CLI to its end (killed, and the test failed, if it outlives <paramref name="timeout"/>).</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> args, string? input = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var arguments = args.ToList();
        using var process = Process.Start(StartInfo(workingDirectory, arguments, environment)) ?? throw new InvalidOperationException("cannot start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"campaignflow {string.Join(' ', arguments)} did not end within {timeout ?? TimeSpan.FromMinutes(3)}:\n{await output}\n{await error}");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>Sends SIGINT (Ctrl+C) to a process.</summary>
    public static async Task InterruptAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("cannot run kill");
        await kill.WaitForExitAsync();
    }
}
