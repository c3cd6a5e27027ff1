using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Tools;

/// <summary>
/// The library side of `campaignflow classify`: one JSON line in (id, title, body, optional lang and
/// published), one JSON line out, same order; a line that cannot be read gives {"id":…,"error":"…"}.
/// </summary>
public static class ClassifyCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<ClassifyRunSummary> RunAsync(TextReader input, TextWriter output, IStoryClassifier classifier, CancellationToken cancellationToken = default)
    {
        int lines = 0, classified = 0, errors = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines++;
            var (story, id, error) = ParseLine(line);
            if (story is null)
            {
                errors++;
                await output.WriteLineAsync(ErrorLine(id, error!)).ConfigureAwait(false);
                continue;
            }
            await output.WriteLineAsync(ToJsonLine(story.Id, classifier.Classify(story))).ConfigureAwait(false);
            classified++;
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ClassifyRunSummary(lines, classified, errors);
    }

    /// <summary>
    /// The library side of `campaignflow classify explain FILE|-`: the input is one JSON story (pretty-printed
    /// or not) or JSON lines; each story's evidence is written readably. Returns the number of stories explained.
    /// </summary>
    public static async Task<int> ExplainAsync(TextReader input, TextWriter output, IStoryClassifier classifier, CancellationToken cancellationToken = default)
    {
        var text = await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var whole = ParseLine(text.ReplaceLineEndings(" "));
        var lines = whole.Story is not null ? [text.ReplaceLineEndings(" ")] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var explained = 0;
        foreach (var line in lines)
        {
            var (story, id, error) = ParseLine(line);
            if (story is null)
            {
                await output.WriteLineAsync($"Story     {id ?? "(no id)"}: cannot be read: {error}").ConfigureAwait(false);
                continue;
            }
            await output.WriteLineAsync(ClassificationExplainer.Explain(story, classifier.Classify(story))).ConfigureAwait(false);
            explained++;
        }
        return explained;
    }

    /// <summary>Reads one input line; on failure returns the id if one could be read and the reason.</summary>
    public static (StoryText? Story, string? Id, string? Error) ParseLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return (null, null, "empty line");
        }
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, "not a JSON object");
            }
            var root = doc.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number ? idValue.ToString() : null;
            var missing = new[] { ("id", (object?)id), ("title", Text("title")), ("body", Text("body")) }.Where(f => f.Item2 is null).Select(f => f.Item1).ToList();
            if (missing.Count > 0)
            {
                return (null, id, $"missing or non-string field(s): {string.Join(", ", missing)}");
            }
            DateTimeOffset? published = null;
            if (Text("published") is { } p)
            {
                if (!DateTimeOffset.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d))
                {
                    return (null, id, $"published \"{p}\" is not a date");
                }
                published = d;
            }
            return (new StoryText(id!, Text("title")!, Text("body")!, Text("lang"), published), id, null);
        }
        catch (JsonException ex)
        {
            return (null, null, $"invalid JSON: {ex.Message}");
        }
    }

    public static string ErrorLine(string? id, string error)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            if (id is null)
            {
                w.WriteNull("id");
            }
            else
            {
                w.WriteString("id", id);
            }
            w.WriteString("error", error);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The contract fields (id, relevant, score, topics, regions) followed by the evidence.</summary>
    public static string ToJsonLine(string id, StoryVerdict c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteBoolean("relevant", c.Relevant);
            w.WriteNumber("score", c.Score);
            Strings(w, "topics", c.Topics);
            Strings(w, "regions", c.Regions);
            w.WriteString("decision", c.Decision.ToString().ToLowerInvariant());
            w.WriteNumber("raw_score", c.RawScore);
            w.WriteString("rule_set_version", c.RuleSetVersion);
            Matches(w, "evidence", c.Evidence);
            Matches(w, "negatives", c.Negatives);
            w.WriteStartObject("topic_evidence");
            foreach (var t in c.TopicEvidence.Where(t => t.Score != 0))
            {
                w.WriteStartObject(t.Topic);
                w.WriteNumber("score", t.Score);
                w.WriteNumber("threshold", t.Threshold);
                w.WriteBoolean("assigned", t.Assigned);
                Strings(w, "terms", [.. t.Matches.Select(m => m.Term)]);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            Strings(w, "states", c.States);
            w.WriteStartArray("state_counts");
            foreach (var s in c.StateCounts)
            {
                w.WriteStartObject();
                w.WriteString("text", s.Text);
                w.WriteNumber("count", s.Count);
                w.WriteString("qualifier", s.Qualifier);
                w.WriteNumber("position", s.Position);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("conferences");
            foreach (var m in c.Conferences)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteString("place", m.Place);
                w.WriteString("state", m.State);
                w.WriteString("dates", m.Dates);
                w.WriteNumber("position", m.Position);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    private static void Matches(Utf8JsonWriter w, string name, IEnumerable<TermMatch> matches)
    {
        w.WriteStartArray(name);
        foreach (var m in matches)
        {
            w.WriteStartObject();
            w.WriteString("term", m.Term);
            w.WriteNumber("position", m.Position);
            w.WriteNumber("weight", m.Weight);
            w.WriteString("kind", m.Kind);
            w.WriteNumber("count", m.Count);
            if (m.Reason is not null)
            {
                w.WriteString("reason", m.Reason);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
