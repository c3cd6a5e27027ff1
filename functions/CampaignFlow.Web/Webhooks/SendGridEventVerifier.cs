using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Delivery;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Web.Webhooks;

/// <summary>
/// Verifies SendGrid's signed Event Webhook: an ECDSA P-256 / SHA-256 signature (DER, base64) over the timestamp
/// header followed by the raw body, with the public key from <c>SendGrid__WebhookVerificationKey</c>; timestamps
/// more than <see cref="MaxAge"/> away from now are refused (replays).
/// </summary>
public sealed class SendGridEventVerifier(IOptions<SendGridWebhookOptions> options, TimeProvider clock)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Null when the request is genuine and fresh; otherwise why it is refused.</summary>
    public string? Check(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(options.Value.WebhookVerificationKey))
        {
            return "the webhook verification key is not configured";
        }
        if (string.IsNullOrEmpty(signature) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "signature or timestamp header missing or malformed";
        }
        // In seconds, not as a DateTimeOffset: a timestamp past year 9999 must be refused, not thrown on.
        if (Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > (long)MaxAge.TotalSeconds)
        {
            return "stale timestamp";
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(options.Value.WebhookVerificationKey), out _);
            var signed = Encoding.UTF8.GetBytes(timestamp!).Concat(body.ToArray()).ToArray();
            return key.VerifyData(signed, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? null
                : "signature does not verify";
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return "signature or key is malformed";
        }
    }
}
