using System.CommandLine;
using System.Text.Json;
using CampaignFlow.Cli.Bench;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow bench fanout --subscribers N [--json]</c>: the contract's last line is one JSON object.</summary>
public static class BenchCommand
{
    public static Command Create()
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
        return new Command("bench", "Benchmarks") { fanout };
    }
}
