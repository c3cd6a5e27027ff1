using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// Azurite (the Azure Storage emulator, from npm) on free loopback ports. Disposing stops it and everything it started.
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // Azurite's published development key, the same for every installation: not a secret.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process _process;
    private readonly (int Blob, int Queue, int Table) _ports;
    private readonly string? _location;
    private readonly IReadOnlyDictionary<string, string>? _accounts;

    private Azurite(Process process, int blob, int queue, int table, string? location, IReadOnlyDictionary<string, string>? accounts)
    {
        _process = process;
        _ports = (blob, queue, table);
        (_location, _accounts) = (location, accounts);
        ConnectionString = ConnectionStringFor(AccountName, AccountKey);
    }

    /// <summary>The development account's connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The connection string of one of the accounts given to <see cref="StartAsync(string?, IReadOnlyDictionary{string, string}?, CancellationToken)"/>.</summary>
    public string ConnectionStringFor(string account, string key) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
        $"BlobEndpoint=http://127.0.0.1:{_ports.Blob}/{account};QueueEndpoint=http://127.0.0.1:{_ports.Queue}/{account};TableEndpoint=http://127.0.0.1:{_ports.Table}/{account};";

    /// <summary>Starts Azurite with its data under <paramref name="location"/> (null: in memory).</summary>
    public static Task<Azurite> StartAsync(string? location, CancellationToken cancellationToken = default) =>
        StartAsync(location, accounts: null, cancellationToken);

    /// <summary>
    /// Starts Azurite with its data under <paramref name="location"/> (null: in memory) and, besides the development
    /// account, the given accounts (name → base64 key): each is a storage account of its own, apart from the others.
    /// </summary>
    public static async Task<Azurite> StartAsync(string? location, IReadOnlyDictionary<string, string>? accounts, CancellationToken cancellationToken = default)
    {
        var (process, ports) = await StartProcessAsync(location, accounts, (0, 0, 0), cancellationToken);
        return new Azurite(process, ports.Blob, ports.Queue, ports.Table, location, accounts);
    }

    /// <summary>
    /// Stops Azurite as <see cref="DisposeAsync"/> does and, after <paramref name="downtime"/>, starts it again on the
    /// same ports and data (the fault bench's storage outage): clients keep their connection string.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await Task.Delay(downtime, cancellationToken);
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>Starts a stopped Azurite again on the same ports and data.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        _process.Dispose();
        (_process, _) = await StartProcessAsync(_location, _accounts, _ports, cancellationToken);
    }

    private static async Task<(Process Process, (int Blob, int Queue, int Table) Ports)> StartProcessAsync(
        string? location, IReadOnlyDictionary<string, string>? accounts, (int Blob, int Queue, int Table) fixedPorts, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {root} (./campaignflow does it on first use)");
        }
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--blobPort", $"{fixedPorts.Blob}", "--queuePort", $"{fixedPorts.Queue}", "--tablePort", $"{fixedPorts.Table}" })
        {
            start.ArgumentList.Add(arg);
        }
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        if (accounts is { Count: > 0 })
        {
            // Why: custom accounts replace the development one unless it is listed too (Azurite's AZURITE_ACCOUNTS).
            start.Environment["AZURITE_ACCOUNTS"] = string.Join(';', accounts.Prepend(new(AccountName, AccountKey)).Select(a => $"{a.Key}:{a.Value}"));
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node for Azurite");
        var ports = new Dictionary<string, int>();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (ports.Count < 3 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } m)
                {
                    ports[m.Groups["service"].Value] = int.Parse(m.Groups["port"].Value);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        if (ports.Count < 3)
        {
            var exited = process.HasExited;
            process.Kill(entireProcessTree: true);
            var error = exited ? (await stderr).Trim() : "";
            throw new InvalidOperationException(exited
                ? $"Azurite did not start: {error}"
                : $"Azurite did not start listening within 60 s (is the machine overloaded?); it has {ports.Count} of its 3 ports open");
        }
        // Keep draining its output so a full pipe never blocks it.
        _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
        return (process, (ports["Blob"], ports["Queue"], ports["Table"]));
    }

    /// <summary>Stops Azurite gracefully (SIGTERM, so it flushes its data to disk), killing it only if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>Stops Azurite gracefully (SIGTERM: it saves its data), killing it only if it hangs.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                await kill.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
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
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
