using System.Security.Cryptography;

namespace CampaignFlow.Delivery;

/// <summary>Replaces the token-signing key; the old one stays valid for links already sent until the grace period ends.</summary>
public static class SigningKeyRotation
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromDays(60);

    public static async Task<PreviousSigningKey> RotateAsync(ISigningKeyStore store, TimeSpan grace, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var current = await store.GetCurrentAsync(cancellationToken)
            ?? throw new InvalidOperationException("there is no current signing key to rotate (set Tokens__SigningKey first)");
        var previous = new PreviousSigningKey(clock.GetUtcNow().Add(grace), current);
        await store.SaveAsync(NewKey(), previous, cancellationToken);
        return previous;
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
