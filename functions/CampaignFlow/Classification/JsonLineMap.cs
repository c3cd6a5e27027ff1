using System.Text;
using System.Text.Json;

namespace CampaignFlow.Classification;

/// <summary>
/// Line numbers of every value in a JSON document by path ("$.topics.clearance.terms[0].terms[2]"),
/// so semantic errors found after deserialising can still point at a line.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    public JsonLineMap(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var newlines = new List<long>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                newlines.Add(i);
            }
        }
        int LineOf(long offset)
        {
            var i = newlines.BinarySearch(offset);
            return (i < 0 ? ~i : i) + 1;
        }
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var arrayIndex = new Stack<int>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        lines.TryAdd(Path(path) + "." + property, LineOf(reader.TokenStartIndex));
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var segment = Segment(ref property, arrayIndex);
                        path.Add(segment);
                        lines.TryAdd(Path(path), LineOf(reader.TokenStartIndex));
                        arrayIndex.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        arrayIndex.Pop();
                        path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        var leaf = Segment(ref property, arrayIndex);
                        lines.TryAdd(Path(path) + leaf, LineOf(reader.TokenStartIndex));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the deserialiser with their own line numbers.
        }
    }

    /// <summary>The line of the path, or of its nearest ancestor that has one.</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (lines.TryGetValue(path, out var line))
            {
                return line;
            }
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return 1;
            }
            path = path[..cut];
        }
    }

    private static string Segment(ref string? property, Stack<int> arrayIndex)
    {
        if (arrayIndex.Count == 0)
        {
            return "$";
        }
        if (arrayIndex.Peek() >= 0)
        {
            var i = arrayIndex.Pop();
            arrayIndex.Push(i + 1);
            return $"[{i}]";
        }
        var p = "." + property;
        property = null;
        return p;
    }

    private static string Path(List<string> segments) => string.Concat(segments);
}
