using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Subscribers;

/// <summary>Normalises addresses and derives the subscriber key, so the plain address is never a key or a log value.</summary>
public static class EmailAddress
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || trimmed.Any(char.IsControl))
        {
            return false;
        }
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0)
        {
            return false;
        }
        normalized = address.User + "@" + address.Host.ToLowerInvariant();
        return true;
    }

    /// <summary>The subscriber id: a SHA-256 of the normalised address, case-insensitive in the local part.</summary>
    public static string Key(string normalizedAddress) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedAddress.ToLowerInvariant())).AsSpan(0, 16));
}
