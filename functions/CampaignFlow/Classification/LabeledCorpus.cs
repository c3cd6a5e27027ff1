using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>
/// Reads and grows labeled corpora. The project's own corpus is config/corpus (see its README): a tuning part
/// (stories.jsonl and tuning/stories.jsonl), the default for evaluate, bench and the staff page, and a
/// held-out part (heldout/stories.jsonl); all embedded in the library.
/// </summary>
public static class LabeledCorpus
{
    public const string DefaultResourceName = "CampaignFlow.Classification.corpus.stories.jsonl";
    public const string TuningResourceName = "CampaignFlow.Classification.corpus.tuning.stories.jsonl";
    public const string HeldOutResourceName = "CampaignFlow.Classification.corpus.heldout.stories.jsonl";

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

    /// <summary>
    /// The tuning part of the project's own labeled corpus shipped in the library: config/corpus/stories.jsonl
    /// (where staff decisions are added) and config/corpus/tuning/stories.jsonl. Rule edits are judged on it.
    /// </summary>
    public static IReadOnlyList<LabeledStory> ReadDefault() =>
        [.. ReadEmbedded(DefaultResourceName, "config/corpus/stories.jsonl"), .. ReadEmbedded(TuningResourceName, "config/corpus/tuning/stories.jsonl")];

    /// <summary>
    /// The held-out part, config/corpus/heldout/stories.jsonl: stories nobody tunes on, for measuring a rule
    /// set on text it was not fitted to. Which part a new story goes to follows <see cref="IsHeldOut"/>.
    /// </summary>
    public static IReadOnlyList<LabeledStory> ReadHeldOut() => ReadEmbedded(HeldOutResourceName, "config/corpus/heldout/stories.jsonl");

    /// <summary>
    /// The deterministic split of new labeled stories: held out when the first byte of the SHA-256 of the
    /// id (UTF-8) is even, about half. Decided by the id alone, before anyone looks at how a story scores.
    /// </summary>
    public static bool IsHeldOut(string id) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))[0] % 2 == 0;

    private static IReadOnlyList<LabeledStory> ReadEmbedded(string resource, string source)
    {
        using var stream = typeof(LabeledCorpus).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return Read(reader, "embedded " + source);
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
