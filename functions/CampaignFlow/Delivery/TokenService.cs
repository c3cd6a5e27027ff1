using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// Signed, purpose-bound tokens for links in emails: <c>purpose.subject.expiry.signature</c>, HMAC-SHA256,
/// checked in constant time. A token for one purpose never works for another. After a key rotation the previous key
/// is still accepted until its grace period ends, so links already in inboxes keep working.
/// </summary>
public sealed class TokenService(IOptions<TokenOptions> options, TimeProvider clock)
{
    public string Create(string purpose, string subject, TimeSpan? lifetime = null)
    {
        var expiry = lifetime is null ? 0 : clock.GetUtcNow().Add(lifetime.Value).ToUnixTimeSeconds();
        var payload = $"{purpose}.{subject}.{expiry}";
        return $"{payload}.{Sign(payload, options.Value.SigningKey)}";
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
        var previous = PreviousSigningKey.Parse(options.Value.PreviousSigningKey);
        var signedByCurrent = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload, options.Value.SigningKey)), given);
        var signedByPrevious = previous is not null && clock.GetUtcNow() <= previous.ValidUntil
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload, previous.Key)), given);
        if (!signedByCurrent && !signedByPrevious)
        {
            return null;
        }
        return expiry != 0 && clock.GetUtcNow().ToUnixTimeSeconds() > expiry ? null : parts[1];
    }

    private static string Sign(string payload, string key) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload)));
}
