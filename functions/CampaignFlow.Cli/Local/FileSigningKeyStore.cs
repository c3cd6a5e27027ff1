using CampaignFlow.Delivery;

namespace CampaignFlow.Cli.Local;

/// <summary>The local run's signing keys: <c>signing.key</c> and <c>signing.previous</c> (the earlier keys, <c>;</c>-separated) in the state folder.</summary>
public sealed class FileSigningKeyStore(string stateDirectory) : ISigningKeyStore
{
    public string CurrentPath => Path.Combine(stateDirectory, "signing.key");

    public string PreviousPath => Path.Combine(stateDirectory, "signing.previous");

    /// <summary>The current key, created on first use so links in earlier local emails stay valid across runs.</summary>
    public string EnsureCurrent()
    {
        if (!File.Exists(CurrentPath))
        {
            Directory.CreateDirectory(stateDirectory);
            File.WriteAllText(CurrentPath, SigningKeyRotation.NewKey());
        }
        return File.ReadAllText(CurrentPath).Trim();
    }

    public string? Previous() => File.Exists(PreviousPath) ? File.ReadAllText(PreviousPath).Trim() : null;

    public Task<string?> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(CurrentPath) ? File.ReadAllText(CurrentPath).Trim() : null);

    public Task<string?> GetPreviousAsync(CancellationToken cancellationToken = default) => Task.FromResult(Previous());

    public async Task SaveAsync(string current, IReadOnlyList<PreviousSigningKey> previous, CancellationToken cancellationToken = default)
    {
        await File.WriteAllTextAsync(PreviousPath, PreviousSigningKey.Format(previous), cancellationToken);
        await File.WriteAllTextAsync(CurrentPath, current, cancellationToken);
    }
}
