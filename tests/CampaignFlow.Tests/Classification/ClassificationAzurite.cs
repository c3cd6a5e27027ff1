using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CampaignFlow.Tests.Classification;

/// <summary>
/// A minimal Azurite (blob only) for the classifier's blob tests; to be replaced by the shared fixture at merge.
/// Starts node_modules/.bin/azurite on free loopback ports with in-memory storage and stops it on dispose.
/// </summary>
public sealed partial class ClassificationAzurite : IAsyncLifetime
{
    private Process? process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (RepositoryPaths.Azurite is not { } azurite)
        {
            return;
        }
        var info = new ProcessStartInfo(azurite, "--silent --disableTelemetry --skipApiVersionCheck --inMemoryPersistence --blobPort 0 --queuePort 0 --tablePort 0 --blobHost 127.0.0.1")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root!,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException("could not start Azurite");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (BlobListening().Match(line) is { Success: true } m)
            {
                ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                    "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                    $"BlobEndpoint=http://127.0.0.1:{m.Groups[1].Value}/devstoreaccount1;";
                return;
            }
        }
        throw new InvalidOperationException("Azurite exited before its blob service was listening");
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        process?.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"Blob service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex BlobListening();
}
