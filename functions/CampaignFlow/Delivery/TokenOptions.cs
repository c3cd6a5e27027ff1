namespace CampaignFlow.Delivery;

/// <summary>The keys that sign unsubscribe and preference links (setting section <c>Tokens</c>; Key Vault in Azure).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>At least 32 random bytes, base64 (checked at start by <see cref="TokenOptionsValidator"/>).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// The keys before the last rotations, still accepted (never used to sign) each until its end of grace:
    /// <c>"&lt;ISO-8601 valid-until&gt; &lt;key&gt;"</c> entries separated by <c>;</c>, newest first, as <c>keys rotate</c>
    /// writes them (<see cref="Delivery.PreviousSigningKey"/>). Empty, or an unresolved Key Vault reference, means none.
    /// </summary>
    public string? PreviousSigningKey { get; set; }
}
