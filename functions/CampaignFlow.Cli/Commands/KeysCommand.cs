using System.CommandLine;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow keys rotate</c>: a new token-signing key; links already sent keep working for the grace period.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var state = StorageOptionsCli.State();
        var vault = new Option<string?>("--vault") { Description = "The Key Vault name (Azure), reached with the signed-in identity; default the local state" };
        var grace = new Option<TimeSpan>("--grace") { Description = "How long links signed with the old key stay valid", DefaultValueFactory = _ => SigningKeyRotation.DefaultGrace };
        var rotate = new Command("rotate", "Replace the token-signing key, keeping the old one valid for a grace period") { state, vault, grace };
        rotate.SetAction(async (parse, ct) =>
        {
            ISigningKeyStore store = parse.GetValue(vault) is { Length: > 0 } name
                ? new KeyVaultSigningKeyStore(new SecretClient(new Uri($"https://{name}.vault.azure.net/"), new DefaultAzureCredential()))
                : new FileSigningKeyStore(StorageSession.StateDirectory(parse.GetValue(state)));
            try
            {
                var previous = await SigningKeyRotation.RotateAsync(store, parse.GetValue(grace), TimeProvider.System, ct);
                Console.WriteLine($"rotated: new links use the new key; links signed before stay valid until {previous.ValidUntil:u}");
                if (store is KeyVaultSigningKeyStore)
                {
                    Console.WriteLine("Key Vault references refresh within 24 h; restart the app to use the new key now (az functionapp restart).");
                }
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return new Command("keys", "Token-signing keys") { rotate };
    }
}
