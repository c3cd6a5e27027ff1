using System.Globalization;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Tools;

/// <summary>Classifier throughput next to a bare multi-pattern scan of the same text with the same terms.</summary>
public sealed record BenchmarkResult(int Stories, double Megabytes, double ClassifyMbPerS, double RawScanMbPerS)
{
    public double Ratio => RawScanMbPerS == 0 ? 0 : ClassifyMbPerS / RawScanMbPerS;

    /// <summary>The contract's line: {"stories":n,"megabytes":x,"classify_mb_per_s":a,"raw_scan_mb_per_s":b,"ratio":a/b}.</summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"stories\":{Stories},\"megabytes\":{Megabytes:0.###},\"classify_mb_per_s\":{ClassifyMbPerS:0.##},\"raw_scan_mb_per_s\":{RawScanMbPerS:0.##},\"ratio\":{Ratio:0.###}}}");
}
