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

        var corpus = new Option<string?>("--corpus") { Description = "Labeled stories (JSON lines); default the project's own evaluation set" };
        var evaluateRules = new Option<string?>("--rules") { Description = "The rule set to measure; default the built-in one" };
        var baseline = new Option<string?>("--baseline") { Description = "A second rule set: list the stories whose decision changes" };
        var evaluate = new Command("evaluate", "Precision, recall and F1 of a rule set on labeled stories") { corpus, evaluateRules, baseline };
        evaluate.SetAction(parse => Guard(() =>
        {
            var report = ClassifierEvaluator.EvaluateFiles(Full(parse.GetValue(corpus)), Full(parse.GetValue(evaluateRules)), Full(parse.GetValue(baseline)));
            Console.Out.Write(report.Render());
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
