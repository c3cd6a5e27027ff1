using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Delivery;

/// <summary>The keys that sign unsubscribe and preference links (setting section <c>Tokens</c>; Key Vault in Azure).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    [Required, MinLength(32, ErrorMessage = "Tokens__SigningKey must be at least 32 characters")]
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// The key before the last rotation, still accepted (never used to sign) until its end of grace:
    /// <c>"&lt;ISO-8601 valid-until&gt; &lt;key&gt;"</c>, as <c>keys rotate</c> writes it. Empty, or an unresolved
    /// Key Vault reference, means none.
    /// </summary>
    public string? PreviousSigningKey { get; set; }
}
