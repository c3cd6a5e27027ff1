using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignFlow.Classification;
using Json.Schema;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

public sealed class RuleSetLoaderTests
{
    // Why: JsonSchema.Net registers a schema by its $id globally; build it once for all tests.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(
        Path.Combine(RepositoryPaths.Root ?? throw new InvalidOperationException("repository root not found"), "config", "rules.schema.json"))));

    private static string DefaultWith(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(RuleSetLoader.ReadDefaultJson())!.AsObject();
        edit(node);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static int LineOf(string json, string needle) =>
        json[..json.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void RefusesBadJsonWithTheLineNumber()
    {
        const string json = "{\n  \"version\": \"1\",\n  \"anchors\": [\n    { \"terms\": [\"cluster munitions\" }\n  ]\n}";

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "bad.json"));

        Assert.Contains("bad.json:line 4", ex.Message);
    }

    [Fact]
    public void RefusesAnUnknownTopicAndPointsAtItsLine()
    {
        var json = DefaultWith(o => o["topics"]!.AsObject()["clearence"] = new JsonObject { ["threshold"] = 1 });

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Contains("unknown topic \"clearence\"", error);
        Assert.Contains($"rules.json:line {LineOf(json, "\"clearence\"")}:", error);
    }

    [Fact]
    public void RefusesAnUnknownRegion()
    {
        var json = DefaultWith(o => o["gazetteer"]!.AsArray()[0]!["region"] = "scandinavia");

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json));

        Assert.Contains(ex.Errors, e => e.Contains("unknown region \"scandinavia\"", StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesAnEmptyTermWithItsLine()
    {
        var json = DefaultWith(o => o["anchors"]!.AsArray()[0]!["terms"]!.AsArray().Add("  "));

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Contains("empty term", error);
        Assert.Contains($"line {LineOf(json, "\"  \"")}:", error);
    }

    [Fact]
    public void RefusesRegexSyntaxBecauseTermsAreLiteral()
    {
        var json = DefaultWith(o => o["anchors"]!.AsArray()[0]!["terms"]!.AsArray().Add("(a+)+b"));

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json));

        Assert.Contains(ex.Errors, e => e.Contains("regex", StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesAnUnknownPropertySoTyposDoNotPassSilently()
    {
        var json = DefaultWith(o => o["scoring"]!.AsObject()["treshold"] = 0.4);

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json));

        Assert.Contains("treshold", ex.Message);
        Assert.Contains("line", ex.Message);
    }

    [Fact]
    public void RefusesAReviewBandThatDoesNotContainTheThreshold()
    {
        var json = DefaultWith(o => o["scoring"]!["reviewLow"] = 0.7);

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json));

        Assert.Contains(ex.Errors, e => e.Contains("review band", StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedRulesConformToTheSchema()
    {
        var root = RepositoryPaths.Root ?? throw new InvalidOperationException("repository root not found");
        using var rules = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "config", "rules.json")));

        var result = Schema.Value.Evaluate(rules.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, "schema errors: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void SchemaRejectsAnUnknownTopicToo()
    {
        using var rules = JsonDocument.Parse(DefaultWith(o => o["topics"]!.AsObject()["clearence"] = new JsonObject()));

        Assert.False(Schema.Value.Evaluate(rules.RootElement).IsValid);
    }

    [Fact]
    public void RefusesALabelInALanguageSubscribersCannotChooseWithItsLine()
    {
        var json = DefaultWith(o => o["labels"]!["topics"]!["clearance"]!["nb"] = "Rydding av land");

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal($"rules.json:line {LineOf(json, "\"nb\": \"Rydding av land\"")}: unknown property \"nb\"; known: en, no, fr, es (at $.labels.topics.clearance.nb)", error);
    }

    [Fact]
    public void SchemaOffersLabelsInExactlyTheLanguagesSubscribersChoose()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root!, "config", "rules.schema.json")))!;

        var languages = schema["$defs"]!["labelSet"]!["properties"]!.AsObject().Select(p => p.Key);

        Assert.Equal(CampaignFlow.Subscribers.Languages.Supported, languages);
    }

    [Fact]
    public void RefusesLabelsForUnknownTopicsAndRegionsWithTheirLines()
    {
        var json = DefaultWith(o =>
        {
            o["labels"]!["topics"]!["clearence"] = new JsonObject { ["en"] = "Clearance" };
            o["labels"]!["regions"]!["scandinavia"] = new JsonObject { ["no"] = "Skandinavia" };
        });

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith($"rules.json:line {LineOf(json, "\"clearence\"")}: unknown topic \"clearence\"; known: diplomatic-conference,", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith($"rules.json:line {LineOf(json, "\"scandinavia\"")}: unknown region \"scandinavia\"; known: africa,", StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesALabelForATopicTheRuleSetDoesNotAssignWithItsLine()
    {
        var json = DefaultWith(o => o["topics"]!.AsObject().Remove("financing"));

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith($"rules.json:line {LineOf(json, "\"financing\": {")}: label for topic \"financing\", which this rule set never assigns", error);
    }

    [Fact]
    public void RefusesEmptyOverlongAndMultiLineLabelsFromTheSchemaWithTheirLines()
    {
        var json = DefaultWith(o =>
        {
            o["labels"]!["topics"]!["clearance"]!["no"] = "  ";
            o["labels"]!["topics"]!["clearance"]!["en"] = "Clearance\nof land";
            o["labels"]!["regions"]!["asia"]!["fr"] = new string('A', 81);
        });

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        Assert.Equal(3, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith($"rules.json:line {LineOf(json, "\"no\": \"  \"")}: label \"  \": the string value is not a match", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith($"rules.json:line {LineOf(json, "\"en\": \"Clearance\\nof land\"")}: label \"Clearance\\nof land\"", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains($"label \"{new string('A', 81)}\": value should be at most 80 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsAStructuralErrorFromTheSchemaWithItsLineAndTheKnownProperties()
    {
        var json = DefaultWith(o => o["scoring"]!.AsObject()["treshold"] = 0.4);

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith($"rules.json:line {LineOf(json, "\"treshold\"")}: unknown property \"treshold\"; known: scale, threshold, ", error);
        Assert.EndsWith("(at $.scoring.treshold)", error);
    }

    [Fact]
    public void ReportsATermWithRegexSyntaxWithItsLineAndWhatATermMayBe()
    {
        var json = DefaultWith(o => o["anchors"]!.AsArray()[1]!["terms"]!.AsArray().Add("cluster (munitions)"));

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith($"rules.json:line {LineOf(json, "\"cluster (munitions)\"")}: term \"cluster (munitions)\": ", error);
        Assert.Contains("no regex syntax", error);
    }

    [Fact]
    public void RefusesAZeroWeightAndANonPositiveAnchorWeightFromTheSchema()
    {
        var json = DefaultWith(o =>
        {
            o["contexts"]!.AsArray()[0]!["weight"] = 0;
            o["anchors"]!.AsArray()[0]!["weight"] = -1;
        });

        var ex = Assert.Throws<RuleSetValidationException>(() => RuleSetLoader.Parse(json, "rules.json"));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Contains("weight 0 is not allowed here (Not zero", StringComparison.Ordinal) && e.EndsWith("(at $.contexts[0].weight)", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("weight -1 should be greater than 0", StringComparison.Ordinal) && e.EndsWith("(at $.anchors[0].weight)", StringComparison.Ordinal));
    }

    [Fact]
    public void AcceptsALabelWithMarkupBecauseEveryPageAndEmailEncodesIt()
    {
        var rules = RuleSetLoader.Compile(DefaultWith(o => o["labels"]!["topics"]!["clearance"]!["no"] = "<b>Rydding</b> & co"));

        Assert.Equal("<b>Rydding</b> & co", rules.Taxonomy.TopicLabel("clearance", "no"));
    }

    [Fact]
    public void SchemaRejectsALabelInAnUnknownLanguageOrForAnUnknownRegion()
    {
        using var language = JsonDocument.Parse(DefaultWith(o => o["labels"]!["topics"]!["clearance"]!["nb"] = "Rydding"));
        using var region = JsonDocument.Parse(DefaultWith(o => o["labels"]!["regions"]!["scandinavia"] = new JsonObject { ["en"] = "Scandinavia" }));

        Assert.False(Schema.Value.Evaluate(language.RootElement).IsValid);
        Assert.False(Schema.Value.Evaluate(region.RootElement).IsValid);
    }

    [Fact]
    public void EmbeddedDefaultIsTheRepositoryRuleSet()
    {
        var root = RepositoryPaths.Root ?? throw new InvalidOperationException("repository root not found");

        Assert.Equal(File.ReadAllText(Path.Combine(root, "config", "rules.json")), RuleSetLoader.ReadDefaultJson());
    }
}
