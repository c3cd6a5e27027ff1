using System.CommandLine;
using System.Text.Json;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Bench;
using CampaignFlow.Cli.Tools;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow bench classify|fanout</c>: measured side by side in one process; the last line is one JSON object.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks") { Classify(), Fanout(), Preview(), LoadBenchCommand.Create(), LoadBenchCommand.Performance(), FaultsBenchCommand.Create() };

    private static Command Classify()
    {
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object (last line)" };
        var megabytes = new Option<double>("--megabytes") { Description = "How much story text to classify", DefaultValueFactory = _ => 4 };
        var classify = new Command("classify", "Classifier throughput against a raw multi-pattern scan of the same terms and text") { json, megabytes };
        classify.SetAction(parse =>
        {
            var result = ClassifierBenchmark.RunDefault(parse.GetValue(megabytes));
            if (!parse.GetValue(json))
            {
                Console.WriteLine($"classified {result.Stories} stories ({result.Megabytes:0.0} MB): {result.ClassifyMbPerS:0.0} MB/s; raw scan {result.RawScanMbPerS:0.0} MB/s; ratio {result.Ratio:0.00}");
            }
            Console.WriteLine(result.ToJson());
            return 0;
        });
        return classify;
    }

    private static Command Preview()
    {
        var json = new Option<bool>("--json") { Description = "Only the JSON result line on standard output" };
        var stories = new Option<int>("--stories") { Description = "How many recent stories each edit re-classifies (besides the labeled corpus)", DefaultValueFactory = _ => 500 };
        var edits = new Option<int>("--edits") { Description = "How many edits are timed", DefaultValueFactory = _ => 30 };
        var preview = new Command("preview", "Server time of one live-preview edit in the staff console (budget 300 ms on 500 stories)") { json, stories, edits };
        preview.SetAction(parse =>
        {
            if (parse.GetValue(stories) < 0 || parse.GetValue(edits) < 1)
            {
                Console.Error.WriteLine("--stories must be 0 or more and --edits at least 1");
                return 2;
            }
            var result = PreviewBenchmark.Run(parse.GetValue(stories), parse.GetValue(edits));
            if (!parse.GetValue(json))
            {
                Console.WriteLine($"{result.Edits} edits over {result.RecentStories} recent + {result.LabeledStories} labeled stories ({result.Megabytes:0.0} MB): median {result.MedianMs:0.0} ms, p95 {result.P95Ms:0.0} ms, max {result.MaxMs:0.0} ms; processor time median {result.CpuMedianMs:0.0} ms (budget {result.BudgetMs:0} ms, {result.Processors} processors)");
            }
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        });
        return preview;
    }

    private static Command Fanout()
    {
        var subscribers = new Option<int>("--subscribers") { Description = "How many subscribers receive the alert", DefaultValueFactory = _ => 10_000 };
        var json = new Option<bool>("--json") { Description = "Only the JSON result line on standard output" };
        var fanout = new Command("fanout", "Fan-out and delivery of one alert to N subscribers against a loopback SendGrid endpoint") { subscribers, json };
        fanout.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(subscribers);
            if (n <= 0)
            {
                Console.Error.WriteLine("--subscribers must be positive");
                return 2;
            }
            var quiet = parse.GetValue(json);
            var result = await FanoutBenchmark.RunAsync(n, quiet ? Console.Error : Console.Out, cancellationToken);
            if (!quiet)
            {
                Console.WriteLine($"{result.Recipients} recipients in {result.Requests} requests ({result.Duplicates} duplicates) in {result.Seconds:0.00} s: {result.RecipientsPerSecond:0} recipients/s; raw client {result.RawRecipientsPerSecond:0}/s; ratio {result.Ratio:0.000}; peak {result.PeakWorkingSetMb:0} MB");
            }
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        });
        return fanout;
    }
}
