namespace CampaignFlow.Delivery;

/// <summary>Where the token-signing keys live: Key Vault in Azure, the state folder locally.</summary>
public interface ISigningKeyStore
{
    Task<string?> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the previous key first, then the new one, so a failure in between leaves every link valid.</summary>
    Task SaveAsync(string current, PreviousSigningKey previous, CancellationToken cancellationToken = default);
}
