using System.CommandLine;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow bench …</c>: measured side by side in one process; the last line is one JSON object.</summary>
public static class BenchCommand
{
    public static Command Create()
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
        return new Command("bench", "Benchmarks") { classify };
    }
}
