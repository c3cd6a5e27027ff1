using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// Signed, purpose-bound tokens for links in emails: <c>purpose.subject.expiry.signature</c>, HMAC-SHA256 under the
/// purpose's own key (<see cref="SigningKeys.ForPurpose"/>), checked in constant time. A token for one purpose never
/// works for another. After a rotation each earlier key is still accepted until its own grace period ends, so links
/// already in inboxes keep working. Links signed before per-purpose keys (HMAC under the configured key itself) are
/// still read while the key that signed them is current or in its grace period.
/// </summary>
public sealed class TokenService(IOptions<TokenOptions> options, TimeProvider clock)
{
    private const string TokenPurposePrefix = "token:";

    public string Create(string purpose, string subject, TimeSpan? lifetime = null)
    {
        var expiry = lifetime is null ? 0 : clock.GetUtcNow().Add(lifetime.Value).ToUnixTimeSeconds();
        var payload = $"{purpose}.{subject}.{expiry}";
        return $"{payload}.{Sign(payload, SigningKeys.ForPurpose(options.Value.SigningKey, TokenPurposePrefix + purpose))}";
    }

    /// <summary>The subject of a valid, unexpired token for this purpose; null otherwise.</summary>
    public string? Validate(string purpose, string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 4 } || parts[0] != purpose || !long.TryParse(parts[2], out var expiry))
        {
            return null;
        }
        var payload = string.Join('.', parts[..3]);
        var given = Encoding.ASCII.GetBytes(parts[3]);
        var now = clock.GetUtcNow();
        var keys = PreviousSigningKey.ParseAll(options.Value.PreviousSigningKey).Where(p => now <= p.ValidUntil).Select(p => p.Key).Prepend(options.Value.SigningKey);
        var signed = keys.Any(key =>
            Matches(Sign(payload, SigningKeys.ForPurpose(key, TokenPurposePrefix + purpose)), given)
            || Matches(Sign(payload, Encoding.UTF8.GetBytes(key)), given));
        if (!signed)
        {
            return null;
        }
        return expiry != 0 && now.ToUnixTimeSeconds() > expiry ? null : parts[1];
    }

    private static bool Matches(string expected, byte[] given) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), given);

    private static string Sign(string payload, byte[] key) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
}
