using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Subscribers;

/// <summary>Normalises addresses and derives the subscriber key, so the plain address is never a key or a log value.</summary>
public static class EmailAddress
{
    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// The address as one spelling: trimmed, its domain lower-case and, for an internationalised domain, in its ASCII
    /// (punycode) form, the one every mail server accepts; so <c>ana@bücher.example</c> and
    /// <c>ana@xn--bcher-kva.example</c> are one subscriber.
    /// </summary>
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
        if (!TryAsciiDomain(address.Host, out var domain))
        {
            return false;
        }
        normalized = address.User + "@" + domain;
        return true;
    }

    /// <summary>Mail crosses the internet only to dotted domains: <c>a@b</c> and <c>user@localhost</c> never arrive.</summary>
    public static bool HasDottedDomain(string normalizedAddress)
    {
        var domain = normalizedAddress[(normalizedAddress.LastIndexOf('@') + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    /// <summary>
    /// The address as its owner would recognise it without showing it whole: the first letter of the mailbox and the
    /// domain in its own script (<c>m•••@example.fr</c>), for pages reached by a link anyone may have forwarded.
    /// </summary>
    public static string Mask(string normalizedAddress)
    {
        var at = normalizedAddress.LastIndexOf('@');
        var domain = normalizedAddress[(at + 1)..];
        try
        {
            domain = Idn.GetUnicode(domain);
        }
        catch (ArgumentException)
        {
            // Not valid punycode: shown as stored.
        }
        return (at > 0 ? normalizedAddress[..1] : "") + "\u2022\u2022\u2022@" + domain;
    }

    private static bool TryAsciiDomain(string host, out string domain)
    {
        try
        {
            domain = Idn.GetAscii(host.ToLowerInvariant()).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            domain = "";
            return false;
        }
    }

    /// <summary>The subscriber id: a SHA-256 of the normalised address, case-insensitive in the local part.</summary>
    public static string Key(string normalizedAddress) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedAddress.ToLowerInvariant())).AsSpan(0, 16));
}
