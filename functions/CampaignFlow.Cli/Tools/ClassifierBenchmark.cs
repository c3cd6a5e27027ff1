using System.Buffers;
using System.Diagnostics;
using System.Text;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Tools;

/// <summary>
/// The library side of `campaignflow bench classify`: repeats the stories to a few megabytes, warms both
/// paths up, then times full classification and a raw <c>IndexOfAny(SearchValues&lt;string&gt;)</c> scan of
/// every term of the same rule set over the same text, alternating rounds and keeping each path's best round.
/// </summary>
public static class ClassifierBenchmark
{
    /// <summary>`campaignflow bench classify --json`: the default rule set over the embedded corpus.</summary>
    public static BenchmarkResult RunDefault(double targetMegabytes = 4) =>
        Run(RuleSetLoader.LoadDefault(), [.. LabeledCorpus.ReadDefault().Select(s => s.ToStoryText())], targetMegabytes);

    public static BenchmarkResult Run(CompiledRuleSet rules, IReadOnlyList<StoryText> stories, double targetMegabytes = 4, int rounds = 5)
    {
        ArgumentOutOfRangeException.ThrowIfZero(stories.Count);
        var bytesPerPass = stories.Sum(s => (long)Encoding.UTF8.GetByteCount(s.Title) + 2 + Encoding.UTF8.GetByteCount(s.Body));
        var repeats = Math.Max(1, (int)Math.Ceiling(targetMegabytes * 1_000_000 / bytesPerPass));
        var texts = stories.Select(s => s.Title + "\n\n" + s.Body).ToArray();
        var raw = SearchValues.Create([.. rules.Terms], StringComparison.OrdinalIgnoreCase);

        long sink = 0;
        // Warm-up: JIT tiering and caches for both paths.
        for (var i = 0; i < 3; i++)
        {
            sink += ClassifyPass(rules, stories) + ScanPass(raw, texts);
        }
        // Why: best-of-rounds for each path, rounds alternating, so a busy shared machine disturbs the ratio less.
        var classifyTicks = long.MaxValue;
        var scanTicks = long.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var k = 0; k < repeats; k++)
            {
                sink += ClassifyPass(rules, stories);
            }
            classifyTicks = Math.Min(classifyTicks, Stopwatch.GetTimestamp() - start);
            start = Stopwatch.GetTimestamp();
            for (var k = 0; k < repeats; k++)
            {
                sink += ScanPass(raw, texts);
            }
            scanTicks = Math.Min(scanTicks, Stopwatch.GetTimestamp() - start);
        }
        GC.KeepAlive(sink);
        var megabytes = bytesPerPass * (double)repeats / 1_000_000;
        double Rate(long ticks) => megabytes / ((double)ticks / Stopwatch.Frequency);
        return new BenchmarkResult(stories.Count * repeats, Math.Round(megabytes, 3), Math.Round(Rate(classifyTicks), 2), Math.Round(Rate(scanTicks), 2));
    }

    private static long ClassifyPass(CompiledRuleSet rules, IReadOnlyList<StoryText> stories)
    {
        long n = 0;
        foreach (var s in stories)
        {
            n += rules.Classify(s).Evidence.Count;
        }
        return n;
    }

    /// <summary>The baseline: find every occurrence of any term, nothing else.</summary>
    internal static long ScanPass(SearchValues<string> values, string[] texts)
    {
        long n = 0;
        foreach (var t in texts)
        {
            var span = t.AsSpan();
            var offset = 0;
            while (offset < span.Length)
            {
                var i = span[offset..].IndexOfAny(values);
                if (i < 0)
                {
                    break;
                }
                n++;
                offset += i + 1;
            }
        }
        return n;
    }
}
