using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Delivery;

/// <summary>The key that signs unsubscribe and preference links (setting section <c>Tokens</c>; Key Vault in Azure).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    [Required, MinLength(32, ErrorMessage = "Tokens__SigningKey must be at least 32 characters")]
    public string SigningKey { get; set; } = "";
}
