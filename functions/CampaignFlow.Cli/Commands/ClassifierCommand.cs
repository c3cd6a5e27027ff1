using System.CommandLine;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Tools;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow classify</c>, <c>classify explain</c>, <c>classify evaluate</c>: the classifier for staff and scripts.</summary>
public static class ClassifierCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "JSON lines with id, title, body (optional lang, published)" };
        var output = new Option<string?>("--output") { Description = "Where to write one JSON line per input line" };
        var rules = new Option<string?>("--rules") { Description = "A rule-set file instead of the built-in one" };
        var classify = new Command("classify", "Classify stories: relevant, score, topics, regions, evidence") { input, output, rules };
        classify.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(input) is not { } inPath || parse.GetValue(output) is not { } outPath)
            {
                await Console.Error.WriteLineAsync("classify needs --input IN.jsonl and --output OUT.jsonl (or a subcommand: explain, evaluate)");
                return 2;
            }
            return await WithRules(parse.GetValue(rules), async classifier =>
            {
                using var reader = new StreamReader(Path.GetFullPath(inPath));
                await using var writer = new StreamWriter(Path.GetFullPath(outPath));
                var summary = await ClassifyCommand.RunAsync(reader, writer, classifier, ct);
                await Console.Error.WriteLineAsync($"classified {summary.Classified} of {summary.Lines} lines; {summary.Errors} reported as errors in the output");
                return 0;
            });
        });

        var file = new Argument<string>("file") { Description = "A story as JSON (or JSON lines); - reads standard input" };
        var explainRules = new Option<string?>("--rules") { Description = "A rule-set file instead of the built-in one" };
        var explain = new Command("explain", "Show the evidence behind the verdict on a story, readably") { file, explainRules };
        explain.SetAction(async (parse, ct) => await WithRules(parse.GetValue(explainRules), async classifier =>
        {
            var path = parse.GetValue(file)!;
            using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(Path.GetFullPath(path));
            return await ClassifyCommand.ExplainAsync(reader, Console.Out, classifier, ct) > 0 ? 0 : 1;
        }));

        var corpus = new Option<string?>("--corpus") { Description = "Labeled stories (JSON lines); default the tuning part of the project's own corpus" };
        var evaluateRules = new Option<string?>("--rules") { Description = "The rule set to measure; default the built-in one" };
        var baseline = new Option<string?>("--baseline") { Description = "A second rule set: list the stories whose decision changes" };
        var heldOut = new Option<bool>("--heldout") { Description = "Measure on the project's held-out stories instead of its tuning stories (do not tune on what it shows)" };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object" };
        var evaluate = new Command("evaluate", "Precision, recall, F1 and support per topic, region and language, and the stories behind each error") { corpus, heldOut, evaluateRules, baseline, json };
        evaluate.SetAction(parse => Guard(() =>
        {
            var report = ClassifierEvaluator.EvaluateFiles(Full(parse.GetValue(corpus)), Full(parse.GetValue(evaluateRules)), Full(parse.GetValue(baseline)), parse.GetValue(heldOut));
            Console.Out.Write(parse.GetValue(json) ? report.ToJson() + Environment.NewLine : report.Render());
            return 0;
        }));

        classify.Subcommands.Add(explain);
        classify.Subcommands.Add(evaluate);
        return classify;
    }

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);

    private static async Task<int> WithRules(string? rulesPath, Func<IStoryClassifier, Task<int>> action)
    {
        IStoryClassifier classifier;
        try
        {
            classifier = new RuleBasedClassifier(rulesPath is null ? StaticRuleSetProvider.Default() : StaticRuleSetProvider.FromFile(Path.GetFullPath(rulesPath)));
        }
        catch (Exception ex) when (ex is RuleSetValidationException or IOException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        return await action(classifier);
    }

    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is RuleSetValidationException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }
}
