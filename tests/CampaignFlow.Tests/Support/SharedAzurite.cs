using System.Security.Cryptography;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// One Azurite process for the whole test run, with a storage account of its own for each <see cref="AzuriteFixture"/>:
/// test classes stay as apart as with a process each (separate tables, queues and blobs), without starting 20-odd
/// node processes. When the accounts run out, the next lease starts another process.
/// </summary>
internal static class SharedAzurite
{
    private const int AccountsPerProcess = 48;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly List<Azurite> Processes = [];
    private static Azurite? _current;
    private static Dictionary<string, string> _accounts = [];
    private static int _handedOut;

    static SharedAzurite() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    /// <summary>A connection string to an account no other fixture of this run uses.</summary>
    public static async Task<string> LeaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_current is null || _handedOut == _accounts.Count)
            {
                _accounts = Enumerable.Range(0, AccountsPerProcess).ToDictionary(
                    i => $"cf{Processes.Count}a{i:D2}",
                    _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                _current = await Azurite.StartAsync(location: null, _accounts);
                Processes.Add(_current);
                _handedOut = 0;
            }
            var (name, key) = _accounts.ElementAt(_handedOut++);
            return _current.ConnectionStringFor(name, key);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void StopAll()
    {
        foreach (var azurite in Processes)
        {
            azurite.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        }
    }
}
