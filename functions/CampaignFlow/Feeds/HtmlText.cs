using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CampaignFlow.Feeds;

/// <summary>
/// The one HTML-to-text path (feed titles and descriptions, content:encoded): parsed by AngleSharp as a browser would
/// (entities decoded, broken markup repaired), scripts, styles and comments dropped, block elements and line breaks
/// read as a space, inline ones as nothing ("Cl&lt;b&gt;us&lt;/b&gt;ter" is "Cluster"). White space is left for the
/// caller to collapse.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
        "blockquote", "pre", "hr", "dd", "dt", "dl", "section", "article", "header", "footer", "img", "figure", "figcaption",
    };

    private static readonly HtmlParser Parser = new();

    /// <summary>The text of an HTML fragment, on one line; null when it has none.</summary>
    public static string? Of(string html)
    {
        var text = string.Join(' ', Raw(html).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text;
    }

    /// <summary>The text of an HTML fragment, white space as it came (no-break spaces stay content).</summary>
    public static string Raw(string html)
    {
        var document = Parser.ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        var builder = new StringBuilder(html.Length);
        Append(document.Body!, builder);
        return builder.ToString();
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IComment:
                    builder.Append(' ');
                    break;
                case IElement element when element.LocalName is "script" or "style" or "template" or "noscript":
                    builder.Append(' ');
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    builder.Append(block ? " " : "");
                    Append(element, builder);
                    builder.Append(block ? " " : "");
                    break;
            }
        }
    }
}
