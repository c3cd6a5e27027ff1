using System.CommandLine;
using System.Text.Json;

namespace CampaignFlow.Cli.Bench;

/// <summary><c>campaignflow bench load [--json] [--stories 1000] [--subscribers 10000]</c>.</summary>
public static class LoadBenchCommand
{
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
            var result = await LoadBenchmark.RunAsync(s, n, quiet ? Console.Error : Console.Out, cancellationToken);
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
