using System.Security.Cryptography;

namespace CampaignFlow.Delivery;

/// <summary>
/// Replaces the token-signing key. The old one joins the earlier keys, valid for links already sent until its grace
/// period ends; earlier keys keep their own ends (expired ones are dropped, at most <see cref="PreviousSigningKey.MaxKept"/>
/// are kept), so a second rotation within a grace period does not cut the first one's links short.
/// </summary>
public static class SigningKeyRotation
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromDays(60);

    public static async Task<PreviousSigningKey> RotateAsync(ISigningKeyStore store, TimeSpan grace, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var current = await store.GetCurrentAsync(cancellationToken)
            ?? throw new InvalidOperationException("there is no current signing key to rotate (set Tokens__SigningKey first)");
        var now = clock.GetUtcNow();
        var retired = new PreviousSigningKey(now.Add(grace), current);
        var earlier = PreviousSigningKey.ParseAll(await store.GetPreviousAsync(cancellationToken))
            .Where(p => p.ValidUntil > now && p.Key != current)
            .OrderByDescending(p => p.ValidUntil);
        await store.SaveAsync(NewKey(), [.. earlier.Prepend(retired).Take(PreviousSigningKey.MaxKept)], cancellationToken);
        return retired;
    }

    /// <summary>48 random bytes, base64: what <see cref="SigningKeys.Problem"/> accepts.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
