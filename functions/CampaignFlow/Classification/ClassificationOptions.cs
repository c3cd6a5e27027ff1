using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Classification;

/// <summary>Where the active rule set comes from (app settings "Classification__…").</summary>
public sealed class ClassificationOptions
{
    public const string SectionName = "Classification";

    /// <summary>Read the active rule set from blob storage (needs a registered BlobServiceClient).</summary>
    public bool UseBlobStorage { get; set; }
    [Required]
    public string ContainerName { get; set; } = "config";
    [Required]
    public string ActiveBlobName { get; set; } = "rules/active.json";
    [Required]
    public string HistoryPrefix { get; set; } = "rules/history/";
    /// <summary>Every publish and rollback with who and when, one JSON line each (an append blob).</summary>
    [Required]
    public string ActivationLogBlobName { get; set; } = "rules/activations.jsonl";
    /// <summary>The blob's ETag is checked at most this often.</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;
    /// <summary>A rule-set file used instead of the embedded default when blob storage is off.</summary>
    public string? RulesFile { get; set; }
}
