using System.Globalization;

namespace CampaignFlow.Delivery;

/// <summary>
/// One earlier token-signing key and the end of its grace period (<c>"&lt;valid-until&gt; &lt;key&gt;"</c>). The setting
/// <c>Tokens__PreviousSigningKey</c> holds several, separated by <c>;</c> or new lines, newest first, so two rotations
/// within a grace period leave links signed by either earlier key valid until each one's own end.
/// </summary>
public sealed record PreviousSigningKey(DateTimeOffset ValidUntil, string Key)
{
    /// <summary>At most this many earlier keys are kept by a rotation (the oldest goes first; expired ones always go).</summary>
    public const int MaxKept = 5;

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

    /// <summary>The entries of the setting, as written; none for an empty value or an unresolved Key Vault reference.</summary>
    public static IReadOnlyList<string> Entries(string? value) =>
        string.IsNullOrWhiteSpace(value) || SigningKeys.IsKeyVaultReference(value)
            ? []
            : value.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every well-formed earlier key in the setting.</summary>
    public static IReadOnlyList<PreviousSigningKey> ParseAll(string? value) => [.. Entries(value).Select(Parse).OfType<PreviousSigningKey>()];

    /// <summary>The setting's value for <paramref name="keys"/>.</summary>
    public static string Format(IEnumerable<PreviousSigningKey> keys) => string.Join("; ", keys);
}
