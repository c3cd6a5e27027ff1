using System.CommandLine;
using System.Text.Json;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// <c>campaignflow bench load [--json] [--stories 1000] [--subscribers 10000]</c>, and
/// <c>bench performance [--runs 3] [--markdown FILE]</c>, which writes docs/performance.md.
/// </summary>
public static class LoadBenchCommand
{
    public static Command Performance()
    {
        var runs = new Option<int>("--runs") { Description = "How many times each bench runs (the page shows the median and the spread)", DefaultValueFactory = _ => 3 };
        var markdown = new Option<string?>("--markdown") { Description = "Write the page to FILE (docs/performance.md); else to standard output" };
        var fanout = new Option<int>("--fanout-subscribers") { Description = "bench fanout's size", DefaultValueFactory = _ => 100_000 };
        var stories = new Option<int>("--load-stories") { Description = "bench load's stories", DefaultValueFactory = _ => 1_000 };
        var subscribers = new Option<int>("--load-subscribers") { Description = "bench load's subscribers", DefaultValueFactory = _ => 10_000 };
        var command = new Command("performance", "Runs bench classify, fanout, preview and load several times and writes docs/performance.md (ratios to baselines, spread)")
        {
            runs, markdown, fanout, stories, subscribers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new PerformanceReport.Settings(parse.GetValue(runs), parse.GetValue(fanout), parse.GetValue(stories), parse.GetValue(subscribers));
            if (settings.Runs <= 0 || settings.FanoutSubscribers <= 0 || settings.LoadStories <= 0 || settings.LoadSubscribers <= 0)
            {
                Console.Error.WriteLine("--runs and the sizes must be positive");
                return 2;
            }
            var measured = await PerformanceReport.MeasureAsync(settings, Console.Error, cancellationToken);
            var page = PerformanceReport.Markdown(measured, settings, DateTimeOffset.UtcNow);
            if (parse.GetValue(markdown) is { } file)
            {
                await File.WriteAllTextAsync(file, page, cancellationToken);
                Console.Error.WriteLine($"[performance] wrote {file}");
            }
            else
            {
                Console.Write(page);
            }
            return 0;
        });
        return command;
    }

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Only the JSON result line on standard output" };
        var stories = new Option<int>("--stories") { Description = "How many new stories the one poll finds (one in 8 from a relevant text)", DefaultValueFactory = _ => 1_000 };
        var subscribers = new Option<int>("--subscribers") { Description = "How many subscribers", DefaultValueFactory = _ => 10_000 };
        var load = new Command("load", "One poll of many new stories to many subscribers on the local host, Azurite and the loopback SendGrid: exactly-once, rates, memory, storage requests") { json, stories, subscribers };
        load.SetAction(async (parse, cancellationToken) =>
        {
            var (s, n) = (parse.GetValue(stories), parse.GetValue(subscribers));
            if (s <= 0 || n <= 0)
            {
                Console.Error.WriteLine("--stories and --subscribers must be positive");
                return 2;
            }
            var quiet = parse.GetValue(json);
            // The host logs to the console: standard output keeps only the results.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            LoadBenchResult result;
            try
            {
                result = await LoadBenchmark.RunAsync(s, n, Console.Error, cancellationToken);
            }
            finally
            {
                Console.SetOut(stdout);
            }
            if (!quiet)
            {
                Console.WriteLine($"{result.Stories} stories ({result.Relevant} relevant) to {result.Subscribers} subscribers: {result.Sent} of {result.Expected} emails, {result.Duplicates} duplicates, {result.Lost} lost, {result.Unexpected} unexpected, in {result.Requests} requests");
                Console.WriteLine($"{result.Seconds:0.0} s: {result.StoriesPerSecond:0.0} stories/s, {result.EmailsPerSecond:0} emails/s; peak {result.PeakWorkingSetMb:0} MB; storage {result.StorageRequests} requests ({result.StorageRequestsPerRecipient:0.000}/recipient), delivery ledger {result.LedgerRequests} ({result.LedgerRequestsPerRecipient:0.000}/recipient)");
            }
            Console.WriteLine(JsonSerializer.Serialize(result));
            return result.Passed ? 0 : 1;
        });
        return load;
    }
}
