using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>
/// Reads and grows labeled corpora. The project's own corpus is config/corpus/stories.jsonl, embedded in
/// the library as the default for evaluate, bench and the staff page.
/// </summary>
public static class LabeledCorpus
{
    public const string DefaultResourceName = "CampaignFlow.Classification.corpus.stories.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="InvalidDataException">A line is not a labeled story; the message names the line.</exception>
    public static IReadOnlyList<LabeledStory> Read(TextReader reader, string source = "corpus")
    {
        var stories = new List<LabeledStory>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                stories.Add(JsonSerializer.Deserialize<LabeledStory>(line, Json) ?? throw new InvalidDataException("null"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{source}:line {lineNumber}: not a labeled story: {ex.Message}", ex);
            }
        }
        return stories;
    }

    public static IReadOnlyList<LabeledStory> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>The project's own labeled corpus shipped in the library.</summary>
    public static IReadOnlyList<LabeledStory> ReadDefault()
    {
        using var stream = typeof(LabeledCorpus).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Read(reader, "embedded config/corpus/stories.jsonl");
    }

    public static string ToJsonLine(LabeledStory story) => JsonSerializer.Serialize(story, Json);

    /// <summary>
    /// Appends a labeled example (e.g. a held story a person approved or rejected). Refuses a duplicate id
    /// and labels outside the taxonomy, so the corpus stays usable by evaluate.
    /// </summary>
    public static void Append(string path, LabeledStory story)
    {
        var unknown = story.Topics.Except(ClassificationTaxonomy.Topics).Concat(story.Regions.Except(ClassificationTaxonomy.Regions)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown labels: {string.Join(", ", unknown)}", nameof(story));
        }
        if (!story.Relevant && story.Topics.Count > 0)
        {
            throw new ArgumentException("an irrelevant story has no topics", nameof(story));
        }
        if (File.Exists(path) && ReadFile(path).Any(s => s.Id == story.Id))
        {
            throw new InvalidOperationException($"story {story.Id} is already in {path}");
        }
        var needsNewline = File.Exists(path) && new FileInfo(path).Length > 0 && !File.ReadAllText(path).EndsWith('\n');
        File.AppendAllText(path, (needsNewline ? "\n" : "") + ToJsonLine(story) + "\n");
    }
}
