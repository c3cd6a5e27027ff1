using Azure;
using Azure.Security.KeyVault.Secrets;
using CampaignFlow.Delivery;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The signing keys in Key Vault, as the infra references them: secret <c>TokenSigningKey</c> (Tokens__SigningKey)
/// and <c>TokenSigningKeyPrevious</c> (Tokens__PreviousSigningKey), each a new version on rotation.
/// </summary>
public sealed class KeyVaultSigningKeyStore(SecretClient secrets) : ISigningKeyStore
{
    public const string CurrentSecret = "TokenSigningKey";
    public const string PreviousSecret = "TokenSigningKeyPrevious";

    public Task<string?> GetCurrentAsync(CancellationToken cancellationToken = default) => GetAsync(CurrentSecret, cancellationToken);

    public Task<string?> GetPreviousAsync(CancellationToken cancellationToken = default) => GetAsync(PreviousSecret, cancellationToken);

    private async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await secrets.GetSecretAsync(name, cancellationToken: cancellationToken)).Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveAsync(string current, IReadOnlyList<PreviousSigningKey> previous, CancellationToken cancellationToken = default)
    {
        // The secret expires with the last of its keys.
        var expires = previous.Count == 0 ? (DateTimeOffset?)null : previous.Max(p => p.ValidUntil);
        await secrets.SetSecretAsync(new KeyVaultSecret(PreviousSecret, PreviousSigningKey.Format(previous)) { Properties = { ExpiresOn = expires } }, cancellationToken);
        await secrets.SetSecretAsync(CurrentSecret, current, cancellationToken);
    }
}
