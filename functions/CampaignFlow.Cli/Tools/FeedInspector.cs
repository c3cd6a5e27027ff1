using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CampaignFlow.Feeds;

namespace CampaignFlow.Cli.Tools;

/// <summary>Writes the one-line JSON of the <c>feeds inspect --json</c> contract for a parsed feed or an error.</summary>
public static class FeedInspector
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses <paramref name="content"/> and describes the outcome; a <see cref="FeedParseException"/> becomes an error line.</summary>
    public static string Inspect(string source, byte[] content, string? contentType = null, Uri? baseUri = null)
    {
        try
        {
            return Describe(source, FeedParser.Parse(content, contentType, baseUri));
        }
        catch (FeedParseException ex)
        {
            return DescribeError(source, ex.Message);
        }
    }

    /// <summary>The <c>"ok":true</c> line for a parsed feed.</summary>
    public static string Describe(string source, ParsedFeed feed) => Write(writer =>
    {
        writer.WriteString("source", source);
        writer.WriteBoolean("ok", true);
        writer.WriteString("format", feed.Format switch
        {
            FeedFormat.Rss2 => "rss2",
            FeedFormat.Rss1 => "rss1",
            FeedFormat.Atom => "atom",
            _ => "other",
        });
        writer.WriteString("title", feed.Title);
        writer.WriteString("link", feed.Link);
        writer.WriteStartArray("items");
        foreach (var item in feed.Items)
        {
            writer.WriteStartObject();
            writer.WriteString("id", item.Id);
            writer.WriteString("title", item.Title);
            writer.WriteString("link", item.Link);
            writer.WriteString("summary", item.Summary);
            writer.WriteString("published", Date(item.Published));
            writer.WriteString("updated", Date(item.Updated));
            writer.WriteString("author", item.Author);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (var warning in feed.Warnings)
        {
            writer.WriteStringValue(warning);
        }
        writer.WriteEndArray();
    });

    /// <summary>The <c>"ok":false</c> line with a one-line reason.</summary>
    public static string DescribeError(string source, string error) => Write(writer =>
    {
        writer.WriteString("source", source);
        writer.WriteBoolean("ok", false);
        writer.WriteString("error", error.ReplaceLineEndings(" ").Trim());
    });

    private static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
