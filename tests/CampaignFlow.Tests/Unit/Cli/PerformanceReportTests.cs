using System.Text.Json;
using CampaignFlow.Cli.Bench;

namespace CampaignFlow.Tests.Unit.Cli;

/// <summary>docs/performance.md as <c>bench performance</c> writes it from the benches' JSON lines.</summary>
public sealed class PerformanceReportTests
{
    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static PerformanceReport.Runs ThreeRuns() => new(
        [Json("""{"classify_mb_per_s":10,"ratio":0.5}"""), Json("""{"classify_mb_per_s":12,"ratio":0.6}"""), Json("""{"classify_mb_per_s":30,"ratio":0.9}""")],
        [Fanout(4000, 20000, 0.2), Fanout(5000, 20000, 0.25), Fanout(4500, 10000, 0.45)],
        [Json("""{"median_ms":30,"budget_ms":300}"""), Json("""{"median_ms":60,"budget_ms":300}"""), Json("""{"median_ms":45,"budget_ms":300}""")],
        [Load(2000), Load(3000), Load(5000)]);

    private static JsonElement Fanout(double rate, double raw, double ratio) => Json(
        $$"""{"subscribers":100000,"recipients":100000,"requests":100,"duplicates":0,"seconds":20,"recipients_per_s":{{rate}},"raw_recipients_per_s":{{raw}},"ratio":{{ratio}},"peak_working_set_mb":300}""");

    private static JsonElement Load(double emailsPerSecond) => Json(
        $$"""{"stories":1000,"relevant":125,"expected":400000,"sent":400000,"duplicates":0,"lost":0,"unexpected":0,"seconds":100,"stories_per_s":10,"emails_per_s":{{emailsPerSecond}},"peak_working_set_mb":350,"storage_requests_per_recipient":1.25,"ledger_requests_per_recipient":0.25}""");

    [Fact]
    public void GivesEachRatioAsTheMedianWithItsSpread()
    {
        var page = PerformanceReport.Markdown(ThreeRuns(), new PerformanceReport.Settings(3, 100_000, 1000, 10_000), new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero));

        Assert.Contains("`./campaignflow bench performance --runs 3 --markdown docs/performance.md`", page, StringComparison.Ordinal);
        Assert.Contains("| 0.600 (0.500–0.900) | 12.0 (10.0–30.0) |", page, StringComparison.Ordinal);
        Assert.Contains("| 0.250 (0.200–0.450) | 4500 (4000–5000) |", page, StringComparison.Ordinal);
        // Preview against its 300 ms budget: 45/300 = 0.150.
        Assert.Contains("| 0.150 (0.100–0.200) | 45.0 (30.0–60.0) |", page, StringComparison.Ordinal);
        // Load against the raw client's median rate over the fanout runs (20000): 3000/20000.
        Assert.Contains("(fanout runs' median, 20000/s) | 0.150 (0.100–0.250) | 3000 (2000–5000) |", page, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1,000 | 125 | 400,000 | 400,000 | 0 | 0 | 0 | 100.0 | 10.0 | 2000 | 350 | 1.250 | 0.250 |", page, StringComparison.Ordinal);
        Assert.Contains("dotnet run -c Release --project tests/CampaignFlow.Benchmarks", page, StringComparison.Ordinal);
    }
}
