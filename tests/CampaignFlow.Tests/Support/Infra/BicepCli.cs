using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

namespace CampaignFlow.Tests.Infra;

/// <summary>
/// Runs the Bicep CLI that the Azure.Bicep.CommandLine.linux-x64 package (referenced with ExcludeAssets="all")
/// leaves in the NuGet cache at <c>tools/bicep</c>.
/// </summary>
public static class BicepCli
{
    private const string PackageId = "Azure.Bicep.CommandLine.linux-x64";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> Executable = new(Locate);

    public static string ExecutablePath => Executable.Value;

    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = BicepTemplate.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in {Timeout}");
        }

        return new BicepResult(process.ExitCode, standardOutput.GetAwaiter().GetResult(), standardError.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var candidates = new List<string>();
        var restored = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackagePath")?.Value;
        if (!string.IsNullOrEmpty(restored))
        {
            candidates.Add(restored);
        }

        // Fallback: the global packages folder and the version pinned in Directory.Packages.props.
        var version = PinnedVersion();
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        candidates.Add(Path.Combine(packages, PackageId.ToLowerInvariant(), version));

        var executable = candidates.Select(c => Path.Combine(c, "tools", "bicep")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"No bicep executable in {string.Join(", ", candidates)}; run `dotnet restore tests/CampaignFlow.Tests`.");
        EnsureExecutable(executable);
        return executable;
    }

    private static string PinnedVersion()
    {
        var props = XDocument.Load(Path.Combine(BicepTemplate.RepositoryRoot, "Directory.Packages.props"));
        return props.Descendants("PackageVersion")
            .First(e => string.Equals((string?)e.Attribute("Include"), PackageId, StringComparison.OrdinalIgnoreCase))
            .Attribute("Version")!.Value;
    }

    // NuGet extraction does not always keep the execute bit.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }
}
