using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CampaignFlow.Delivery;

/// <summary>
/// A staff-editable email template (<c>config/templates/NAME.LANG.html</c> and <c>.txt</c>, the text file's first
/// line being <c>Subject: …</c>; loaded and validated by <see cref="EmailTemplateLoader"/>). <c>{{key}}</c> placeholders
/// are filled with escaped values: HTML-encoded in the HTML part, one line of plain text elsewhere. A line whose
/// placeholder has no value is left out.
/// </summary>
public sealed partial class EmailTemplate(string subject, string html, string text)
{
    /// <summary>A template from its two files, already validated by <see cref="EmailTemplateLoader"/>.</summary>
    internal static EmailTemplate FromFiles(string textFile, string htmlFile)
    {
        var lines = textFile.ReplaceLineEndings("\n").Split('\n', 2);
        return new EmailTemplate(lines[0]["Subject:".Length..].Trim(), htmlFile, lines.Length > 1 ? lines[1] : "");
    }

    public (string Subject, string Html, string Text) Render(IReadOnlyDictionary<string, string?> values) =>
        (Truncate(Fill(subject, values, OneLine).TrimEnd('\n'), 200), Fill(html, values, v => WebUtility.HtmlEncode(OneLine(v))), Fill(text, values, OneLine));

    /// <summary>
    /// As <see cref="Render(IReadOnlyDictionary{string, string})"/>, with one <c>{{stories}}</c> placeholder taking already rendered parts (each built by
    /// <see cref="Render(IReadOnlyDictionary{string, string})"/> from escaped values) — the only way markup enters a template.
    /// </summary>
    public (string Subject, string Html, string Text) Render(IReadOnlyDictionary<string, string?> values, string storiesHtml, string storiesText)
    {
        var (s, h, t) = Render(new Dictionary<string, string?>(values) { ["stories"] = Marker });
        return (s, h.Replace(WebUtility.HtmlEncode(Marker), storiesHtml, StringComparison.Ordinal), t.Replace(Marker, storiesText, StringComparison.Ordinal));
    }

    // Unguessable, so no feed text can place the stories block anywhere else.
    private static readonly string Marker = "STORIES" + Guid.NewGuid().ToString("N");

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values, Func<string, string> escape)
    {
        var output = new StringBuilder(template.Length + 512);
        foreach (var line in template.ReplaceLineEndings("\n").Split('\n'))
        {
            var keep = true;
            var filled = Placeholder().Replace(line, m =>
            {
                var value = values.GetValueOrDefault(m.Groups[1].Value);
                keep &= !string.IsNullOrEmpty(value);
                return value is null ? "" : escape(value);
            });
            if (keep)
            {
                output.Append(filled).Append('\n');
            }
        }
        return output.ToString();
    }

    /// <summary>Collapses every control character (CR, LF, tab …) and run of spaces to one space.</summary>
    public static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!space || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(space ? ' ' : c);
            }
        }
        return builder.ToString().Trim();
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    internal static partial Regex Placeholder();
}
