using System.Text.Json.Serialization;

namespace CampaignFlow.Cli.Bench;

/// <summary>The preview benchmark's JSON line: per-edit server time in milliseconds (median, 95th percentile, max) and processor time (median, all threads).</summary>
public sealed record PreviewBenchResult(
    [property: JsonPropertyName("recent_stories")] int RecentStories,
    [property: JsonPropertyName("labeled_stories")] int LabeledStories,
    [property: JsonPropertyName("megabytes")] double Megabytes,
    [property: JsonPropertyName("edits")] int Edits,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("p95_ms")] double P95Ms,
    [property: JsonPropertyName("max_ms")] double MaxMs,
    [property: JsonPropertyName("cpu_median_ms")] double CpuMedianMs,
    [property: JsonPropertyName("budget_ms")] double BudgetMs,
    [property: JsonPropertyName("processors")] int Processors);
