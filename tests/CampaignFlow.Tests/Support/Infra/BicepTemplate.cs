using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CampaignFlow.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled to ARM JSON (once per test run), with helpers to walk its resources and to read the
/// Function App settings it deploys.
/// </summary>
public static partial class BicepTemplate
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<BicepResult> BuildResult =
        new(() => BicepCli.Run("build", MainBicepPath, "--stdout"));

    /// <summary>The folder holding CampaignFlow.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string MainBicepPath => Path.Combine(RepositoryRoot, "infra", "main.bicep");

    /// <summary>The result of <c>bicep build infra/main.bicep --stdout</c>.</summary>
    public static BicepResult Build() => BuildResult.Value;

    /// <summary>A fresh copy of the compiled ARM template.</summary>
    public static JsonObject Compiled()
    {
        var build = Build();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed:\n{build.StandardError}");
        }

        return JsonNode.Parse(build.StandardOutput)!.AsObject();
    }

    /// <summary>Every resource of a template and of the templates of its nested deployments (modules).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        foreach (var resource in TopLevelResources(template))
        {
            yield return resource;
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<JsonObject> ResourcesOfType(JsonObject template, string type) =>
        Resources(template).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The compiled template of the module (nested deployment) with this symbolic or deployment name.</summary>
    public static JsonObject Module(JsonObject template, string name)
    {
        var module = template["resources"] is JsonObject symbolic && symbolic[name] is JsonObject bySymbol
            ? bySymbol
            : TopLevelResources(template).Single(r => (string?)r["name"] == name);
        return module["properties"]!["template"]!.AsObject();
    }

    /// <summary>
    /// The Function App settings the infra deploys: name → value (a literal, or the ARM expression that computes it).
    /// Feed settings (<c>Feeds__Sources__{i}__*</c>) are expanded from the default of the <c>feeds</c> parameter.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AppSettings()
    {
        var compiled = Compiled();
        var api = Module(compiled, "api");
        var config = ResourcesOfType(api, "Microsoft.Web/sites/config")
            .Single(r => ((string?)r["name"] ?? string.Empty).Contains("appsettings", StringComparison.Ordinal));

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (config["properties"])
        {
            case JsonObject literal:
                foreach (var (name, value) in literal)
                {
                    settings[name] = value?.ToString() ?? string.Empty;
                }

                break;
            case JsonValue expression:
                var text = expression.GetValue<string>();
                foreach (var arguments in CallsOf(text, "createObject").Take(1))
                {
                    for (var i = 0; i + 1 < arguments.Count; i += 2)
                    {
                        settings[Unquote(arguments[i])] = arguments[i + 1];
                    }
                }

                if (text.Contains("variables('feedSettings')", StringComparison.Ordinal))
                {
                    AddFeedSettings(compiled, api, settings);
                }

                break;
        }

        return settings;
    }

    /// <summary>A string property value, with a plain <c>[variables('name')]</c> reference resolved in its template.</summary>
    public static string ResolveString(JsonObject template, JsonNode? value)
    {
        var text = (string?)value ?? throw new InvalidOperationException("Expected a string value");
        const string prefix = "[variables('";
        const string suffix = "')]";
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(suffix, StringComparison.Ordinal)
            ? (string)template["variables"]![text[prefix.Length..^suffix.Length]]!
            : text;
    }

    /// <summary>The names of every app setting the infra sets, sorted.</summary>
    public static IReadOnlyList<string> AppSettingNames() => AppSettings().Keys.ToList();

    /// <summary>The argument lists (raw expression text) of every call of <paramref name="function"/> in an ARM expression.</summary>
    public static IEnumerable<IReadOnlyList<string>> CallsOf(string expression, string function)
    {
        var pattern = new Regex($@"\b{Regex.Escape(function)}\(");
        foreach (Match match in pattern.Matches(expression))
        {
            if (!InsideString(expression, match.Index))
            {
                yield return SplitArguments(expression, match.Index + match.Length);
            }
        }
    }

    private static void AddFeedSettings(JsonObject compiled, JsonObject api, SortedDictionary<string, string> settings)
    {
        var feedSettings = (string)api["variables"]!["feedSettings"]!;
        var suffixes = FeedSettingPattern().Matches(feedSettings).Select(m => m.Groups["suffix"].Value).ToList();
        var feeds = compiled["parameters"]!["feeds"]!["defaultValue"]!.AsArray();
        for (var i = 0; i < feeds.Count; i++)
        {
            foreach (var suffix in suffixes)
            {
                var property = char.ToLowerInvariant(suffix[0]) + suffix[1..];
                settings[$"Feeds__Sources__{i}__{suffix}"] = (string?)feeds[i]![property] ?? string.Empty;
            }
        }
    }

    private static IEnumerable<JsonObject> TopLevelResources(JsonObject template) =>
        template["resources"] switch
        {
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
            JsonArray array => array.OfType<JsonObject>(),
            _ => [],
        };

    // Splits "a, f(b, 'c,d'), [e]" from the opening parenthesis to its match, at top-level commas.
    private static List<string> SplitArguments(string expression, int start)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var inString = false;
        for (var i = start; i < expression.Length; i++)
        {
            var c = expression[i];
            if (inString)
            {
                current.Append(c);
                if (c == '\'')
                {
                    if (i + 1 < expression.Length && expression[i + 1] == '\'')
                    {
                        current.Append(expression[++i]);
                    }
                    else
                    {
                        inString = false;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '\'':
                    inString = true;
                    current.Append(c);
                    break;
                case '(' or '[':
                    depth++;
                    current.Append(c);
                    break;
                case ')' or ']' when depth == 0:
                    if (current.Length > 0 || arguments.Count > 0)
                    {
                        arguments.Add(current.ToString().Trim());
                    }

                    return arguments;
                case ')' or ']':
                    depth--;
                    current.Append(c);
                    break;
                case ',' when depth == 0:
                    arguments.Add(current.ToString().Trim());
                    current.Clear();
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }

        throw new FormatException($"Unbalanced ARM expression: {expression}");
    }

    private static bool InsideString(string expression, int index)
    {
        var quotes = 0;
        for (var i = 0; i < index; i++)
        {
            if (expression[i] == '\'')
            {
                quotes++;
            }
        }

        return quotes % 2 == 1;
    }

    private static string Unquote(string literal) =>
        literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\''
            ? literal[1..^1].Replace("''", "'", StringComparison.Ordinal)
            : throw new FormatException($"Expected a string literal, got {literal}");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CampaignFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No CampaignFlow.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"'Feeds__Sources__\{0\}__(?<suffix>\w+)'")]
    private static partial Regex FeedSettingPattern();
}
