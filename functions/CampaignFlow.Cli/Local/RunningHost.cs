using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The lock file a local <c>run</c> keeps in its state folder while it runs: which process holds the state and the
/// endpoints of the Azurite it started on the state's data. Runbook commands given the same <c>--state</c> use that
/// Azurite instead of starting a second one on the same files (which would show a stale copy, and whose writes the
/// host's Azurite would overwrite when it saves); a second <c>run</c> on the same state is refused.
/// </summary>
public sealed class RunningHost : IDisposable
{
    public const string FileName = "host.lock.json";

    /// <summary>How long a command waits for a starting run to publish its Azurite endpoints.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(90);

    private readonly string _path;

    private RunningHost(string path) => _path = path;

    /// <summary>What the lock file holds. <see cref="Blob"/> and the others are null while the run is starting.</summary>
    public sealed record Lease(int Pid, DateTimeOffset ProcessStarted, string? Blob, string? Queue, string? Table)
    {
        /// <summary>The connection string of the host's Azurite (its development account; that key is public).</summary>
        [JsonIgnore]
        public string ConnectionString =>
            $"DefaultEndpointsProtocol=http;AccountName={Azurite.AccountName};AccountKey={Azurite.AccountKey};" +
            $"BlobEndpoint={Blob};QueueEndpoint={Queue};TableEndpoint={Table};";
    }

    private static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, FileName);

    /// <summary>
    /// Takes the state folder for this process, or returns null with the live holder when another run has it.
    /// A lock left by a process that is gone (killed, crashed) is taken over.
    /// </summary>
    public static RunningHost? TryClaim(string stateDirectory, out Lease? holder)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = PathIn(stateDirectory);
        using var self = Process.GetCurrentProcess();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                    JsonSerializer.Serialize(file, new Lease(self.Id, self.StartTime.ToUniversalTime(), null, null, null));
                }
                holder = null;
                return new RunningHost(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (Read(path) is { } other && IsAlive(other))
                {
                    holder = other;
                    return null;
                }
                File.Delete(path);
            }
        }
        throw new InvalidOperationException($"cannot take {path}");
    }

    /// <summary>Publishes the endpoints of the Azurite this run started, for commands on the same state.</summary>
    public void Publish(string azuriteConnectionString)
    {
        var parts = azuriteConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        using var self = Process.GetCurrentProcess();
        var lease = new Lease(self.Id, self.StartTime.ToUniversalTime(), parts["BlobEndpoint"], parts["QueueEndpoint"], parts["TableEndpoint"]);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(lease));
        File.Move(temp, _path, overwrite: true);
    }

    /// <summary>
    /// The live run holding <paramref name="stateDirectory"/>, with its Azurite endpoints (waiting for a starting run to
    /// publish them), or null when no run holds it.
    /// </summary>
    public static async Task<Lease?> FindAsync(string stateDirectory, CancellationToken cancellationToken = default)
    {
        var path = PathIn(stateDirectory);
        var deadline = DateTime.UtcNow + StartWait;
        while (true)
        {
            if (Read(path) is not { } lease || !IsAlive(lease))
            {
                return null;
            }
            if (lease.Blob is not null)
            {
                return lease;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"a local run (process {lease.Pid}) holds {stateDirectory} but has not started its Azurite; stop it (Ctrl+C) or try again");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static Lease? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Lease>(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsAlive(Lease lease)
    {
        try
        {
            using var process = Process.GetProcessById(lease.Pid);
            // A recycled process id belongs to another program: its start time differs.
            return !process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - lease.ProcessStarted.UtcDateTime).TotalSeconds) < 2;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Left behind, it is recognised as stale: its process is gone.
        }
    }
}
