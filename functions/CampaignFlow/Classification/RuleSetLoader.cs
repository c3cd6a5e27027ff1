using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Classification;

/// <summary>
/// Reads and validates rule sets. Anything wrong (syntax, unknown property, unknown topic or region,
/// empty or regex-like term, thresholds out of order, a label for an id or in a language nobody can see)
/// is refused with the line it is on.
/// </summary>
public static class RuleSetLoader
{
    public const string DefaultResourceName = "CampaignFlow.Classification.rules.json";
    /// <summary>Longest topic or region label: it is a checkbox label and part of the email's why line.</summary>
    public const int MaxLabelLength = 80;
    private static readonly char[] RegexCharacters = ['\\', '(', ')', '[', ']', '{', '}', '|', '^', '$', '?', '+'];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <exception cref="RuleSetValidationException">The rule set is invalid.</exception>
    public static RuleSet Parse(string json, string source = "rules.json")
    {
        RuleSet? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RuleSet>(json, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "line 1";
            // Why: the serializer's message repeats the path and position; keep its first sentence.
            var message = ex.Message.Split(" Path:", 2)[0];
            throw new RuleSetValidationException(source, [$"{source}:{where}: {message} (at {ex.Path ?? "$"})"]);
        }
        if (rules is null)
        {
            throw new RuleSetValidationException(source, [$"{source}:line 1: the rule set is empty (null)"]);
        }
        var errors = Validate(rules);
        if (errors.Count > 0)
        {
            var map = new JsonLineMap(json);
            throw new RuleSetValidationException(source, [.. errors.Select(e => $"{source}:line {map.LineOf(e.Path)}: {e.Message} (at {e.Path})")]);
        }
        return rules;
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

    internal static List<(string Path, string Message)> Validate(RuleSet r)
    {
        var errors = new List<(string, string)>();
        void Check(bool ok, string path, string message)
        {
            if (!ok)
            {
                errors.Add((path, message));
            }
        }
        void Terms(IReadOnlyList<string> terms, string path)
        {
            Check(terms.Count > 0, path, "needs at least one term");
            for (var i = 0; i < terms.Count; i++)
            {
                var p = $"{path}[{i}]";
                var t = terms[i] ?? "";
                var (text, _) = TermIndex.Prepare(t);
                if (text.Length == 0)
                {
                    errors.Add((p, "empty term"));
                    continue;
                }
                Check(text.Length >= 2, p, $"term \"{t}\" is shorter than two characters");
                Check(t.TrimEnd('*').IndexOf('*') < 0 && !t.EndsWith("**", StringComparison.Ordinal), p, $"term \"{t}\": '*' is allowed only once, at the end");
                Check(t.IndexOfAny(RegexCharacters) < 0, p, $"term \"{t}\" contains regex syntax; terms are literal text (a trailing * matches longer words)");
            }
        }
        void Groups(IReadOnlyList<TermGroup> groups, string path, Func<double, bool> weightOk, string weightRule)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var p = $"{path}[{g}]";
                Check(weightOk(groups[g].Weight), p + ".weight", $"weight {groups[g].Weight} {weightRule}");
                Check(groups[g].Within is null or (>= 1 and <= 50), p + ".within", "within must be 1–50 words");
                Terms(groups[g].Terms, p + ".terms");
            }
        }
        void Proximity(IReadOnlyList<ProximityRule> rules, string path)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var p = $"{path}[{i}]";
                Check(rules[i].Within is >= 1 and <= 20, p + ".within", "within must be 1–20 words");
                Terms(rules[i].Terms, p + ".terms");
                Terms(rules[i].Near, p + ".near");
            }
        }

        Check(!string.IsNullOrWhiteSpace(r.Version) && r.Version.Length <= 64 && r.Version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'),
            "$.version", $"version \"{r.Version}\" must be 1–64 characters of letters, digits, '.', '-' or '_' (it names the history blob)");
        var s = r.Scoring;
        Check(s.Scale > 0, "$.scoring.scale", "scale must be positive");
        Check(s.Threshold is > 0 and < 1, "$.scoring.threshold", "threshold must be between 0 and 1");
        Check(s.ReviewLow <= s.Threshold && s.Threshold <= s.ReviewHigh, "$.scoring.reviewLow", "the review band must contain the threshold: reviewLow ≤ threshold ≤ reviewHigh");
        Check(s.MaxRepeats >= 1, "$.scoring.maxRepeats", "maxRepeats must be at least 1");
        for (var i = 0; i < s.HomeTopics.Count; i++)
        {
            Check(ClassificationTaxonomy.Topics.Contains(s.HomeTopics[i]), $"$.scoring.homeTopics[{i}]", $"unknown topic \"{s.HomeTopics[i]}\"; known: {string.Join(", ", ClassificationTaxonomy.Topics)}");
        }
        Check(r.Anchors.Count > 0 || r.Proximity.Any(p => p.Anchor), "$.anchors", "a rule set needs anchors: without one no story can be relevant");
        Groups(r.Anchors, "$.anchors", w => w > 0, "must be positive for an anchor");
        Groups(r.Contexts, "$.contexts", w => w != 0, "must not be zero");
        Groups(r.Negatives, "$.negatives", w => w < 0, "must be negative for a negative term");
        Proximity(r.Proximity, "$.proximity");
        foreach (var (name, topic) in r.Topics)
        {
            var p = $"$.topics.{name}";
            Check(ClassificationTaxonomy.Topics.Contains(name), p, $"unknown topic \"{name}\"; known: {string.Join(", ", ClassificationTaxonomy.Topics)}");
            Check(topic.Threshold > 0, p + ".threshold", "threshold must be positive");
            Groups(topic.Terms, p + ".terms", w => w != 0, "must not be zero");
            Proximity(topic.Proximity, p + ".proximity");
        }
        for (var i = 0; i < r.Gazetteer.Count; i++)
        {
            var e = r.Gazetteer[i];
            var p = $"$.gazetteer[{i}]";
            Check(!string.IsNullOrWhiteSpace(e.State), p + ".state", "state must not be empty");
            Check(ClassificationTaxonomy.Regions.Contains(e.Region), p + ".region", $"unknown region \"{e.Region}\"; known: {string.Join(", ", ClassificationTaxonomy.Regions)}");
            Terms(e.Names, p + ".names");
            if (e.Cities.Count > 0)
            {
                Terms(e.Cities, p + ".cities");
            }
        }
        for (var i = 0; i < r.RegionTerms.Count; i++)
        {
            var p = $"$.regionTerms[{i}]";
            Check(ClassificationTaxonomy.Regions.Contains(r.RegionTerms[i].Region), p + ".region", $"unknown region \"{r.RegionTerms[i].Region}\"; known: {string.Join(", ", ClassificationTaxonomy.Regions)}");
            Terms(r.RegionTerms[i].Terms, p + ".terms");
        }
        if (r.Labels is { } labels)
        {
            var taxonomy = RuleSetTaxonomy.Of(r);
            Labels(labels.Topics, "$.labels.topics", "topic", ClassificationTaxonomy.Topics, taxonomy.Topics);
            Labels(labels.Regions, "$.labels.regions", "region", ClassificationTaxonomy.Regions, taxonomy.Regions);
        }
        return errors;

        void Labels(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byId, string path, string kind, IReadOnlyList<string> all, IReadOnlyList<string> assigned)
        {
            foreach (var (id, names) in byId)
            {
                var p = $"{path}.{id}";
                if (!assigned.Contains(id))
                {
                    // A label nobody can choose is a typo or a leftover; either way staff should hear of it.
                    errors.Add((p, all.Contains(id)
                        ? $"label for {kind} \"{id}\", which this rule set never assigns; its {kind}s: {string.Join(", ", assigned)}"
                        : $"label for unknown {kind} \"{id}\"; known: {string.Join(", ", assigned)}"));
                    continue;
                }
                if (names is null)
                {
                    errors.Add((p, $"the labels of {kind} \"{id}\" must be an object of language: label"));
                    continue;
                }
                foreach (var (language, label) in names)
                {
                    var q = $"{p}.{language}";
                    if (!Languages.Supported.Contains(language))
                    {
                        errors.Add((q, $"unknown language \"{language}\" in the labels of {kind} \"{id}\"; labels are in {string.Join(", ", Languages.Supported)}"));
                        continue;
                    }
                    var text = label ?? "";
                    Check(!string.IsNullOrWhiteSpace(text), q, $"the {language} label of {kind} \"{id}\" is empty");
                    Check(text.Length <= MaxLabelLength, q, $"the {language} label of {kind} \"{id}\" is longer than {MaxLabelLength} characters");
                    Check(!text.Any(char.IsControl), q, $"the {language} label of {kind} \"{id}\" contains a line break or another control character");
                }
            }
        }
    }
}
