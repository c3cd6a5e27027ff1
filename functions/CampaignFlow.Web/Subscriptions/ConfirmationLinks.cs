using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using CampaignFlow.Delivery;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// The double opt-in link: a <see cref="TokenService"/> token for <see cref="Purpose"/> whose subject is
/// <c>id~issued-ms~choices</c> (choices as base64url JSON), valid for <see cref="Lifetime"/>. Signed, so neither the
/// choices nor the issue time can be changed; a bare-id subject (links issued before) still reads, without either.
/// </summary>
public sealed class ConfirmationLinks(TokenService tokens, IOptions<EmailOptions> email, TimeProvider clock)
{
    public const string Purpose = "confirm";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);

    public string Token(string subscriberId, ConfirmedChoices choices)
    {
        var issued = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var packed = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(choices));
        return tokens.Create(Purpose, $"{subscriberId}~{issued}~{packed}", Lifetime);
    }

    public string Url(string token) => $"{email.Value.PublicBaseUrl.TrimEnd('/')}/api/confirm?token={Uri.EscapeDataString(token)}";

    /// <summary>The request a valid, unexpired confirmation token carries; null otherwise.</summary>
    public ConfirmRequest? Read(string? token)
    {
        var subject = tokens.Validate(Purpose, token);
        if (subject is null)
        {
            return null;
        }
        var parts = subject.Split('~');
        if (parts.Length != 3)
        {
            return parts.Length == 1 ? new ConfirmRequest(subject, null, null) : null;
        }
        try
        {
            var issued = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture));
            var choices = JsonSerializer.Deserialize<ConfirmedChoices>(Base64Url.DecodeFromChars(parts[2]));
            return choices is null ? null : new ConfirmRequest(parts[0], issued, choices);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException or OverflowException)
        {
            // Signed by us, so only a bug gets here; treat it as a broken link rather than a 500.
            return null;
        }
    }
}
