using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Delivery;

/// <summary>
/// The token-signing key's rules: what a usable key is (at least <see cref="MinBytes"/> random bytes, base64; never an
/// unresolved Key Vault reference, which App Service passes on as the literal text when it cannot read the secret), and
/// the separate key each purpose signs with, derived by HKDF-SHA256 so that no value made for one purpose (a rate-limit
/// row key, an unsubscribe token) is ever valid for another.
/// </summary>
public static class SigningKeys
{
    public const int MinBytes = 32;
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";
    public const string Generate = "e.g. openssl rand -base64 48, or campaignflow keys rotate";

    private static readonly ConcurrentDictionary<(string Key, string Purpose), byte[]> Derived = new();

    /// <summary>Why <paramref name="value"/> is not a usable key for <paramref name="setting"/>; null when it is.</summary>
    public static string? Problem(string? value, string setting)
    {
        var key = value?.Trim() ?? "";
        if (key.Length == 0)
        {
            return $"{setting} is not set: it must be at least {MinBytes} random bytes, base64 ({Generate})";
        }
        if (IsKeyVaultReference(key))
        {
            return $"{setting} is an unresolved Key Vault reference ({KeyVaultReferencePrefix}…): the app did not get the secret, "
                + "so it refuses to sign links with public text. Check the app's identity may read the vault's secrets and the reference's status (portal: Environment variables)";
        }
        var bytes = Decode(key);
        return bytes is null || bytes.Length < MinBytes || !LooksRandom(bytes)
            ? $"{setting} must be at least {MinBytes} random bytes, base64-encoded ({Generate}); the value given is not"
            : null;
    }

    public static bool IsKeyVaultReference(string? value) =>
        value?.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The key for <paramref name="purpose"/> (HKDF-SHA256, info <c>campaignflow/&lt;purpose&gt;</c>) from a configured key.</summary>
    public static byte[] ForPurpose(string key, string purpose) =>
        Derived.GetOrAdd((key, purpose), static k => HKDF.DeriveKey(
            HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(k.Key), 32, salt: [], info: Encoding.UTF8.GetBytes("campaignflow/" + k.Purpose)));

    private static byte[]? Decode(string key)
    {
        try
        {
            return Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Random bytes, not text or a pattern: base64 of a passphrase decodes to printable ASCII only, and a repeated
    /// pattern to few distinct bytes (32 random bytes are printable-only with odds of 10⁻¹⁴ and have ~30 distinct values).
    /// </summary>
    private static bool LooksRandom(byte[] bytes) =>
        !bytes.All(b => b is >= 0x20 and < 0x7F) && bytes.Distinct().Count() >= bytes.Length / 2;
}
