using System.Diagnostics;
using System.Globalization;
using CampaignFlow.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// Server time of one live-preview edit (check + re-classify every story + compare + score) on the workload of
/// <see cref="PreviewWorkload"/>; the budget is 300 ms on 500 recent stories. Besides the wall-clock times, the
/// median processor time of an edit (all threads), which other processes on a busy machine disturb much less.
/// </summary>
public static class PreviewBenchmark
{
    public const double BudgetMs = 300;

    public static PreviewBenchResult Run(int recent, int edits)
    {
        var stories = PreviewWorkload.Stories(recent);
        var baseline = PreviewBaseline.Create(RuleSetLoader.LoadDefault(), stories);
        var jsons = Enumerable.Range(0, edits + 3).Select(PreviewWorkload.EditJson).ToList();
        for (var w = 0; w < 3; w++)
        {
            PreviewWorkload.Edit(baseline, jsons[w]);
        }
        var times = new List<double>(edits);
        var cpu = new List<double>(edits);
        using var process = Process.GetCurrentProcess();
        for (var e = 3; e < jsons.Count; e++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            PreviewWorkload.Edit(baseline, jsons[e]);
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        var megabytes = stories.Sum(s => (long)(s.Text.Title.Length + s.Text.Body.Length) * 2) / 1_048_576.0;
        return new PreviewBenchResult(baseline.Recent, baseline.Labeled, Math.Round(megabytes, 2), edits,
            Round(times[times.Count / 2]), Round(times[(int)Math.Ceiling(times.Count * 0.95) - 1]), Round(times[^1]), Round(cpu[cpu.Count / 2]), BudgetMs, Environment.ProcessorCount);
    }

    private static double Round(double ms) => Math.Round(ms, 1, MidpointRounding.AwayFromZero);
}
