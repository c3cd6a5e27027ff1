using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Delivery;

/// <summary>Where staff-published email templates live in blob storage (app settings "Templates__…").</summary>
public sealed class EmailTemplateOptions
{
    public const string SectionName = "Templates";

    [Required]
    public string ContainerName { get; set; } = "config";
    /// <summary>The published set, as <c>templates publish</c> writes it; absent: the built-in templates.</summary>
    [Required]
    public string ActiveBlobName { get; set; } = "templates/active.json";
    /// <summary>The blob's ETag is checked at most this often.</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;
}
