using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>
/// Reads and validates rule sets. Anything wrong (syntax, unknown property, unknown topic or region,
/// empty or regex-like term, thresholds out of order, a label for an id or in a language nobody can see)
/// is refused with the line it is on: the structure by config/rules.schema.json, the rest in code.
/// </summary>
public static class RuleSetLoader
{
    public const string DefaultResourceName = "CampaignFlow.Classification.rules.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <exception cref="RuleSetValidationException">The rule set is invalid.</exception>
    /// <remarks>
    /// Three steps, each reported as "source:line N: message": JSON syntax, then the structure from
    /// config/rules.schema.json (<see cref="RuleSetSchema"/>), then the semantic checks the schema cannot
    /// state (<see cref="RuleSetSemantics"/>).
    /// </remarks>
    public static RuleSet Parse(string json, string source = "rules.json")
    {
        RuleSet rules;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var structural = RuleSetSchema.Default.Validate(document.RootElement);
            if (structural.Count > 0)
            {
                throw Located(json, source, structural);
            }
            rules = document.RootElement.Deserialize<RuleSet>(Json)
                ?? throw new RuleSetValidationException(source, [$"{source}:line 1: the rule set is empty (null)"]);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "line 1";
            // Why: the reader's message repeats the path and position; keep its first sentence.
            var message = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw new RuleSetValidationException(source, [$"{source}:{where}: {message} (at {ex.Path ?? "$"})"]);
        }
        var errors = RuleSetSemantics.Validate(rules);
        if (errors.Count > 0)
        {
            throw Located(json, source, errors);
        }
        return rules;
    }

    private static RuleSetValidationException Located(string json, string source, IReadOnlyList<(string Path, string Message)> errors)
    {
        var map = new JsonLineMap(json);
        return new RuleSetValidationException(source, [.. errors.Select(e => $"{source}:line {map.LineOf(e.Path)}: {e.Message} (at {e.Path})")]);
    }

    /// <summary>Parses, validates and compiles in one step.</summary>
    public static CompiledRuleSet Compile(string json, string source = "rules.json") => CompiledRuleSet.Compile(Parse(json, source));

    /// <summary>True when two rule sets hold the same rules and version, whatever their layout and comments.</summary>
    public static bool SameRules(RuleSet a, RuleSet b) =>
        JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);

    /// <summary>The default rule set shipped inside the library (config/rules.json).</summary>
    public static string ReadDefaultJson()
    {
        using var stream = typeof(RuleSetLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static CompiledRuleSet LoadDefault() => Compile(ReadDefaultJson(), "embedded config/rules.json");
}
