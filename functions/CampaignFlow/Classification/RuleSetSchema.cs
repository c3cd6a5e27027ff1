using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CampaignFlow.Classification;

/// <summary>
/// The structural rules of a rule set, from config/rules.schema.json through JsonSchema.Net: types,
/// known properties, topic and region ids, term syntax, ranges. Each violation comes back as a
/// "$.path[0].to" location and a message naming the offending value, for the loader to put a line on.
/// </summary>
public sealed class RuleSetSchema
{
    public const string ResourceName = "CampaignFlow.Classification.rules.schema.json";

    private static readonly Lazy<RuleSetSchema> Embedded = new(() => new RuleSetSchema(ReadEmbedded()));
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };
    // Why: a yes/no evaluation skips building the detail tree; most edits are valid, and only an invalid one needs the details.
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    // Why: messages quote the staff's own text readably; whoever shows them encodes them for their medium.
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonSchema schema;
    private readonly JsonNode document;

    /// <param name="schemaJson">The schema text (config/rules.schema.json).</param>
    public RuleSetSchema(string schemaJson)
    {
        document = JsonNode.Parse(schemaJson) ?? throw new ArgumentException("the schema is empty", nameof(schemaJson));
        // Why: JsonSchema.Net registers a schema by its $id; a registry of its own lets several copies coexist.
        schema = JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The schema shipped inside the library (config/rules.schema.json).</summary>
    public static RuleSetSchema Default => Embedded.Value;

    /// <summary>Every structural violation, in document order of evaluation; empty when the rule set conforms.</summary>
    public IReadOnlyList<(string Path, string Message)> Validate(JsonElement rules)
    {
        var errors = new List<(string, string)>();
        if (schema.Evaluate(rules, Quick).IsValid)
        {
            return errors;
        }
        Collect(schema.Evaluate(rules, Options), rules, errors);
        return errors;
    }

    private void Collect(EvaluationResults node, JsonElement root, List<(string, string)> errors)
    {
        if (node.IsValid)
        {
            return;
        }
        var invalidChildren = (node.Details ?? []).Where(d => !d.IsValid).ToList();
        var (path, value, property) = Locate(root, node.InstanceLocation.ToString());
        if (node.EvaluationPath.ToString().Contains("/propertyNames", StringComparison.Ordinal) && property is not null)
        {
            // The failing value is the property's name, not what it holds.
            value = JsonSerializer.SerializeToElement(property);
        }
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            errors.Add((path, Describe(keyword, message, node.SchemaLocation, value, property)));
        }
        if (node.Errors is not { Count: > 0 } && invalidChildren.Count == 0)
        {
            // A failed "not" reports no message of its own: say what the value is and what the schema asks for.
            errors.Add((path, $"{Subject(node.SchemaLocation, property, value)} is not allowed here{Hint(SchemaNode(node.SchemaLocation))}"));
        }
        foreach (var child in invalidChildren)
        {
            Collect(child, root, errors);
        }
    }

    private string Describe(string keyword, string message, Uri schemaLocation, JsonElement? value, string? property)
    {
        var at = SchemaNode(schemaLocation);
        var allowed = at is JsonObject o ? o["enum"] as JsonArray : null;
        switch (keyword)
        {
            case "" or "false":
                var fragment = Fragment(schemaLocation);
                var cut = fragment.LastIndexOf("/additionalProperties", StringComparison.Ordinal);
                var parent = cut < 0 ? null : Resolve(fragment[..cut]);
                var known = parent?["properties"] is JsonObject props ? $"; known: {string.Join(", ", props.Select(p => p.Key))}" : "";
                return $"unknown property \"{property}\"{known}";
            case "enum" when allowed is { } values:
                return $"unknown {Subject(schemaLocation, property, value)}; known: {string.Join(", ", values.Select(v => v?.ToString()))}";
            default:
                var text = message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : keyword;
                // Why: "-2 should be greater than 0" already starts with the value the subject names ("weight -2").
                if (value is { ValueKind: JsonValueKind.Number } number && text.StartsWith(number.GetRawText() + " ", StringComparison.Ordinal))
                {
                    return $"{Subject(schemaLocation, property, value)}{text[number.GetRawText().Length..]}{Hint(at)}";
                }
                return $"{Subject(schemaLocation, property, value)}: {text}{Hint(at)}";
        }
    }

    private static string Hint(JsonNode? at) => at is JsonObject o && o != o.Root && o["description"] is JsonValue d ? $" ({d})" : "";

    /// <summary>What to call the value: the schema definition it fails ("term", "label", "topic") or its property name.</summary>
    private static string Noun(Uri schemaLocation, string? property)
    {
        var fragment = Fragment(schemaLocation);
        var segments = fragment.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 2 && segments[0] == "$defs")
        {
            return segments[1];
        }
        return property ?? "value";
    }

    /// <summary>"term \"(a+)+b\"", "threshold 1.5", "proximityRule": the noun and, for a scalar, the value.</summary>
    private static string Subject(Uri schemaLocation, string? property, JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => $"{Noun(schemaLocation, property)} {JsonSerializer.Serialize(s.GetString(), Quoting)}",
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null } v => $"{Noun(schemaLocation, property)} {v.GetRawText()}",
        _ => Noun(schemaLocation, property),
    };

    private JsonNode? SchemaNode(Uri schemaLocation) => Resolve(Fragment(schemaLocation));

    private static string Fragment(Uri schemaLocation) => Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));

    private JsonNode? Resolve(string pointer)
    {
        var node = document;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[name],
                JsonArray a when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    /// <summary>A JSON pointer as the loader's path ("$.topics.clearance.terms[0]"), the value there and its property name.</summary>
    private static (string Path, JsonElement? Value, string? Property) Locate(JsonElement root, string pointer)
    {
        var path = "$";
        JsonElement? current = root;
        string? property = null;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current is { ValueKind: JsonValueKind.Array } array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                path += $"[{i}]";
                current = i < array.GetArrayLength() ? array[i] : null;
            }
            else
            {
                path += "." + name;
                property = name;
                current = current is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) ? v : null;
            }
        }
        return (path, current, property);
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(RuleSetSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
