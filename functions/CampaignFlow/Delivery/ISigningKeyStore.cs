namespace CampaignFlow.Delivery;

/// <summary>Where the token-signing keys live: Key Vault in Azure, the state folder locally.</summary>
public interface ISigningKeyStore
{
    Task<string?> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The earlier keys as stored (the <c>Tokens__PreviousSigningKey</c> value), or null.</summary>
    Task<string?> GetPreviousAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the earlier keys first, then the new one, so a failure in between leaves every link valid.</summary>
    Task SaveAsync(string current, IReadOnlyList<PreviousSigningKey> previous, CancellationToken cancellationToken = default);
}
