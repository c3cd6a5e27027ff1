namespace CampaignFlow.Tuning;

/// <summary>What the editor opens with: the active rule set's JSON and version, and the ETag a publish must still find.</summary>
public sealed record RuleEditorStart(string Json, string Version, string? ETag, bool BuiltIn);
