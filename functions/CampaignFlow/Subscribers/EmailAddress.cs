using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Subscribers;

/// <summary>
/// Normalises addresses and derives the subscriber key, so the plain address is never a key or a log value.
/// The domain is compared as DNS does: IDNA (UTS #46) to its ASCII form, lower case, so <c>BÜCHER.example</c> and
/// <c>xn--bcher-kva.example</c> are one domain. The local part belongs to the receiving server: only ASCII letters are
/// folded (as every mail system does), anything else is kept exactly. <c>ToLowerInvariant</c> would fold the Kelvin sign
/// (U+212A) into <c>k</c> and give two mailboxes one id.
/// </summary>
public static class EmailAddress
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

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
        if (Domain(address.Host) is not { } domain)
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

    /// <summary>The subscriber id: a SHA-256 of the normalised address, ASCII letters folded (the Kelvin sign is not <c>k</c>).</summary>
    public static string Key(string normalizedAddress)
    {
        var at = normalizedAddress.LastIndexOf('@');
        var domain = at < 0 ? null : Domain(normalizedAddress[(at + 1)..]);
        var address = domain is null ? normalizedAddress : normalizedAddress[..(at + 1)] + domain;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FoldAscii(address))).AsSpan(0, 16));
    }

    /// <summary>The domain in ASCII (IDNA), lower case; null when it is not a valid domain name.</summary>
    private static string? Domain(string host)
    {
        try
        {
            // Case first (UTS #46 maps case; .NET's IdnMapping does not), then IDNA to ASCII.
            return FoldAscii(Idn.GetAscii(host.ToLowerInvariant()));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string FoldAscii(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }
    });
}
