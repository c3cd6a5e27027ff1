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

    public async Task<string?> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await secrets.GetSecretAsync(CurrentSecret, cancellationToken: cancellationToken)).Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveAsync(string current, PreviousSigningKey previous, CancellationToken cancellationToken = default)
    {
        await secrets.SetSecretAsync(new KeyVaultSecret(PreviousSecret, previous.ToString()) { Properties = { ExpiresOn = previous.ValidUntil } }, cancellationToken);
        await secrets.SetSecretAsync(CurrentSecret, current, cancellationToken);
    }
}
