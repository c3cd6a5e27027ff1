using System.Text.Json;

namespace CampaignFlow.Tests.Support;

/// <summary>What cli-contracts.md says the <c>bench … --json</c> objects hold: fields, types and their relations.</summary>
public static class BenchRelations
{
    /// <summary>
    /// <c>ratio == classify_mb_per_s / raw_scan_mb_per_s</c>, within what the printed rounding allows (rates to 0.01,
    /// the ratio to 0.001).
    /// </summary>
    public static void AssertRatio(JsonElement json)
    {
        var a = Positive(json, "classify_mb_per_s");
        var b = Positive(json, "raw_scan_mb_per_s");
        var ratio = Positive(json, "ratio");
        var tolerance = 0.0005 + (0.005 / b) + (a * 0.005 / (b * (b - 0.005)));
        Assert.True(Math.Abs(ratio - (a / b)) <= tolerance, $"ratio {ratio} is not {a}/{b} = {a / b} (±{tolerance})");
    }

    /// <summary>
    /// Every subscriber got the alert once (<c>recipients == subscribers</c>, <c>duplicates == 0</c>) in
    /// <c>⌈N/1000⌉</c> requests; the rates are what the counts and time make.
    /// </summary>
    public static void AssertFanout(JsonElement json, int subscribers)
    {
        foreach (var name in new[] { "subscribers", "recipients", "requests", "duplicates", "seconds", "recipients_per_s", "peak_working_set_mb" })
        {
            Assert.Equal(JsonValueKind.Number, json.GetProperty(name).ValueKind);
        }
        Assert.Equal(subscribers, Integer(json, "subscribers"));
        Assert.Equal(subscribers, Integer(json, "recipients"));
        Assert.Equal((subscribers + 999) / 1000, Integer(json, "requests"));
        Assert.Equal(0, Integer(json, "duplicates"));
        var seconds = Positive(json, "seconds");
        var rate = Positive(json, "recipients_per_s");
        // seconds is printed to 0.001 and the rate to 0.1.
        Assert.Equal(subscribers / seconds, rate, tolerance: (subscribers * 0.0005 / (seconds * Math.Max(seconds - 0.0005, 0.0001))) + 0.05 + 1e-9);
        Assert.InRange(Positive(json, "peak_working_set_mb"), 1, 4096);
    }

    private static int Integer(JsonElement json, string name) =>
        json.GetProperty(name).TryGetInt32(out var value) ? value : throw new Xunit.Sdk.XunitException($"{name} is not an integer: {json.GetProperty(name)}");

    private static double Positive(JsonElement json, string name)
    {
        var value = json.GetProperty(name).GetDouble();
        Assert.True(value > 0, $"{name} is {value}");
        return value;
    }

    /// <summary>The fields of a <c>bench faults --json</c> scenario line, in the contract's order (extra fields follow).</summary>
    public static readonly string[] FaultFields = ["scenario", "stories", "expected", "sent", "duplicates", "lost", "recovered", "seconds"];

    /// <summary>
    /// <c>bench faults --json</c>: one line per scenario asked for, in the contract's fields, every expected mail sent
    /// once (<c>sent == expected &gt; 0</c>, <c>lost == duplicates == 0</c>, recovered), then the summary line whose counts
    /// are those of the lines.
    /// </summary>
    public static void AssertFaults(IReadOnlyList<JsonElement> lines, IReadOnlyList<string> scenarios)
    {
        Assert.Equal(scenarios.Count + 1, lines.Count);
        var results = lines.Take(scenarios.Count).ToList();
        Assert.Equal(scenarios, results.Select(r => r.GetProperty("scenario").GetString()));
        foreach (var result in results)
        {
            Assert.Equal(FaultFields, result.EnumerateObject().Select(p => p.Name).Take(FaultFields.Length));
            Assert.True(Integer(result, "stories") > 0, result.ToString());
            Assert.True(Integer(result, "expected") > 0, result.ToString());
            Assert.Equal(Integer(result, "expected"), Integer(result, "sent"));
            Assert.Equal(0, Integer(result, "lost"));
            Assert.Equal(0, Integer(result, "duplicates"));
            Assert.True(result.GetProperty("recovered").GetBoolean(), result.ToString());
            Assert.True(Positive(result, "seconds") > 0);
        }
        var summary = lines[^1];
        Assert.Equal(new[] { "scenarios", "failed", "lost", "duplicates" }, summary.EnumerateObject().Select(p => p.Name).Take(4));
        Assert.Equal(scenarios.Count, Integer(summary, "scenarios"));
        Assert.Equal(results.Count(r => !r.GetProperty("passed").GetBoolean()), Integer(summary, "failed"));
        Assert.Equal(0, Integer(summary, "failed"));
        Assert.Equal(results.Sum(r => Integer(r, "lost")), Integer(summary, "lost"));
        Assert.Equal(results.Sum(r => Integer(r, "duplicates")), Integer(summary, "duplicates"));
    }
}
