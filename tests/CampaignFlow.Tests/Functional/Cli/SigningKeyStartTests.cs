using System.Diagnostics;
using System.Text.RegularExpressions;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>The local host refuses a weak signing key as the Functions app does, as a real process of the built CLI.</summary>
public sealed partial class SigningKeyStartTests
{
    [Fact]
    public async Task RunOnceWithAShortKeyStopsWithTheSettingsNameAndSendsNothing()
    {
        using var state = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var outbox = Path.Combine(state.Path, "outbox");
        var cli = Path.Combine(RepositoryRoot.Find(), "functions", "CampaignFlow.Cli", "bin", "Release", "net10.0", "CampaignFlow.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = elsewhere.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CAMPAIGNFLOW_Tokens__SigningKey"] = "short", ["CAMPAIGNFLOW_ROOT"] = RepositoryRoot.Find() },
        };
        foreach (var arg in new[] { cli, "run", "--once", "--state", state.Path, "--outbox", outbox })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("error: setting Tokens__SigningKey must be at least 32 random bytes", await stderr);
        Assert.DoesNotContain("Polling", await stdout);
        Assert.False(Directory.Exists(outbox) && Directory.EnumerateFiles(outbox).Any());
    }

    [Fact]
    public void NoSigningKeyWrittenInTheRepositoryPassesValidation()
    {
        var root = RepositoryRoot.Find();
        var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "ls-files"]) { RedirectStandardOutput = true })!;
        var files = git.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        var found = new List<string>();
        foreach (var file in files.Where(f => !f.EndsWith(".xml", StringComparison.Ordinal) && !f.StartsWith("samples/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 1_000_000)
            {
                continue;
            }
            foreach (Match m in SigningKeyValue().Matches(File.ReadAllText(path)))
            {
                found.Add(m.Groups["value"].Value);
                Assert.True(SigningKeys.Problem(m.Groups["value"].Value, "Tokens__SigningKey") is not null, $"{file}: a signing key that passes validation: {m.Value}");
            }
        }
        Assert.Contains("local-development-signing-key-change-me-0123456789", found); // the scan sees local.settings.sample.json
    }

    /// <summary>A literal value given to a signing-key setting in JSON, .env/shell, YAML or C# (Tokens__SigningKey, Tokens:SigningKey, SigningKey = "…").</summary>
    [GeneratedRegex("""SigningKey"?\s*[:=]\s*"(?<value>[^"{}$()]{8,})"|Tokens__SigningKey=(?<value>[^\s"'$]{8,})""")]
    private static partial Regex SigningKeyValue();
}
