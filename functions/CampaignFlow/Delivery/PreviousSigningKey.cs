using System.Globalization;

namespace CampaignFlow.Delivery;

/// <summary>The previous token-signing key and the end of its grace period (<c>"&lt;valid-until&gt; &lt;key&gt;"</c>).</summary>
public sealed record PreviousSigningKey(DateTimeOffset ValidUntil, string Key)
{
    public override string ToString() => $"{ValidUntil.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {Key}";

    /// <summary>Null for an empty value, an unresolved Key Vault reference or anything not in the format.</summary>
    public static PreviousSigningKey? Parse(string? value)
    {
        var parts = value?.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts is { Length: 2 } && parts[1].Length >= 32
            && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? new PreviousSigningKey(until, parts[1])
            : null;
    }
}
