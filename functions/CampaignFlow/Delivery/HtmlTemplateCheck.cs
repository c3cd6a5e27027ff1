using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom.Events;
using AngleSharp.Html.Parser;

namespace CampaignFlow.Delivery;

/// <summary>
/// The HTML checks of a template, on AngleSharp's reading of it: every Liquid construct is replaced by a marker,
/// the result parsed as a browser would (its parse errors reported on their lines), and each marker looked up where
/// it landed — text is safe (encoded); a link only as a vetted link variable; never a style, script or other
/// attribute; a condition or loop never cutting an element in two.
/// </summary>
internal static partial class HtmlTemplateCheck
{
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "srcset", "action", "formaction", "background", "cite", "poster", "data", "xlink:href",
    };

    public static void Run(string file, string name, string source, LiquidCheck liquid, List<TemplateProblem> problems)
    {
        void Add(int line, string message) => problems.Add(new TemplateProblem(file, line, message));
        var skeleton = Skeleton(source, liquid.Uses);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        parser.Error += (_, e) =>
        {
            if (e is HtmlErrorEvent error)
            {
                var hint = error.Message.Contains("closed wrong", StringComparison.OrdinalIgnoreCase) || error.Message.Contains("EOF", StringComparison.Ordinal)
                    ? ": an element opened above is not closed, or closed out of order"
                    : "";
                Add(error.Position.Line, $"HTML: {error.Message.TrimEnd('.')}{hint}");
            }
        };
        var document = parser.ParseDocument(skeleton);
        var links = new List<string>();
        foreach (var element in document.All)
        {
            var line = element.SourceReference?.Position.Line ?? 1;
            if (Markers(element.LocalName).Any())
            {
                Add(line, "a variable or tag cannot make an element's name");
            }
            if (element.LocalName == "script")
            {
                Add(line, "<script> is not allowed: mail clients remove scripts");
            }
            else if (element.LocalName == "style" && Markers(element.TextContent).Any())
            {
                Add(line, "variables and tags are not allowed inside <style>");
            }
            foreach (var attribute in element.Attributes)
            {
                var message = Attribute(element.LocalName, attribute.Name, attribute.Value, skeleton, liquid.Uses);
                if (message is not null)
                {
                    Add(line, message);
                }
                if (element.LocalName == "a" && attribute.Name == "href" && Markers(attribute.Value).ToList() is [var only] && attribute.Value == Marker(only))
                {
                    links.Add(liquid.Uses[only].BareVariable ?? "");
                }
            }
        }
        CheckBlocks(document, liquid, Add);
        var required = name == "confirm" ? "link" : TemplateCatalog.UnsubscribeVariable;
        if (!links.Contains(required))
        {
            Add(1, name == "confirm"
                ? "no confirmation link: the mail must carry <a href=\"{{ link }}\">…</a>"
                : $"no unsubscribe link: {name} mails must carry <a href=\"{{{{ {required} }}}}\">…</a> (each subscriber's own link)");
        }
    }

    /// <summary>Why a variable in this attribute is refused; null when it is fine.</summary>
    private static string? Attribute(string element, string attribute, string value, string skeleton, IReadOnlyList<LiquidUse> uses)
    {
        if (Markers(attribute).Any())
        {
            return $"a variable inside <{element}> must be an attribute's value, in quotes";
        }
        foreach (var index in Markers(value))
        {
            var use = uses[index];
            if (use.Construct.IsTag)
            {
                return $"{use.Construct.Shown} cannot stand inside the <{element}> tag: put it around the element";
            }
            if (!Quoted(skeleton, index))
            {
                return $"put the value of {attribute} in quotes: {attribute}=\"…\"";
            }
            if (UrlAttributes.Contains(attribute))
            {
                if (value != Marker(index) || use.BareVariable is null || !TemplateCatalog.LinkVariables.Contains(use.BareVariable))
                {
                    return $"only a link variable ({string.Join(", ", LinkNames())}), as the whole value and with no filter, may fill {attribute}: {attribute}=\"{{{{ link }}}}\"";
                }
            }
            else if (attribute == "style" && use.BareVariable is not null && TemplateCatalog.ColourVariables.Contains(use.BareVariable))
            {
                continue;
            }
            else if (attribute is not ("title" or "alt"))
            {
                return $"variables may fill text, title and alt attributes and links ({attribute switch { "style" => "in a style only the colours {{ brand.color }} and {{ brand.background }}: a style is not escaped for CSS", _ when attribute.StartsWith("on", StringComparison.Ordinal) => "never a script", _ => "href=\"{{ link }}\"" }}), not {attribute}";
            }
        }
        return null;
    }

    /// <summary>Every tag of a condition or loop must sit in the same element, or leaving the block out (or repeating it) breaks the HTML.</summary>
    private static void CheckBlocks(IDocument document, LiquidCheck liquid, Action<int, string> add)
    {
        var parents = new Dictionary<int, INode?>();
        foreach (var node in Descendants(document).Where(n => n.NodeType is NodeType.Text or NodeType.Comment))
        {
            foreach (var index in Markers(node.TextContent))
            {
                parents[index] = node.Parent;
            }
        }
        foreach (var block in liquid.Blocks)
        {
            var indexes = block.Tags.Select(t => IndexOf(liquid.Uses, t)).ToList();
            if (indexes.Any(i => !parents.ContainsKey(i)))
            {
                continue; // inside an attribute: already refused
            }
            var (first, last) = (block.Tags[0], block.Tags[^1]);
            if (indexes.Select(i => parents[i]).Distinct().Count() > 1)
            {
                add(first.Line, $"{first.Shown} and its {last.Shown} on line {last.Line} are in different elements: an element opened inside the block must close inside it");
            }
        }
    }

    private static int IndexOf(IReadOnlyList<LiquidUse> uses, LiquidConstruct construct)
    {
        for (var i = 0; i < uses.Count; i++)
        {
            if (ReferenceEquals(uses[i].Construct, construct))
            {
                return i;
            }
        }
        return -1;
    }

    private static IEnumerable<INode> Descendants(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            yield return child;
            foreach (var inner in Descendants(child))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The source with each construct replaced by a marker (and its line breaks kept, so lines still match).</summary>
    private static string Skeleton(string source, IReadOnlyList<LiquidUse> uses)
    {
        var builder = new StringBuilder(source.Length);
        var at = 0;
        for (var i = 0; i < uses.Count; i++)
        {
            var construct = uses[i].Construct;
            builder.Append(source, at, construct.Offset - at).Append(Marker(i)).Append('\n', source.AsSpan(construct.Offset, construct.Length).Count('\n'));
            at = construct.Offset + construct.Length;
        }
        return builder.Append(source, at, source.Length - at).ToString();
    }

    /// <summary>Whether the attribute value holding the marker was written in quotes (read from the tag's start).</summary>
    private static bool Quoted(string skeleton, int index)
    {
        var at = skeleton.IndexOf(Marker(index), StringComparison.Ordinal);
        char? quote = null;
        for (var i = Math.Max(0, skeleton.LastIndexOf('<', at)); i < at; i++)
        {
            if (quote is null && skeleton[i] is '"' or '\'')
            {
                quote = skeleton[i];
            }
            else if (skeleton[i] == quote)
            {
                quote = null;
            }
        }
        return quote is not null;
    }

    private static IEnumerable<string> LinkNames() => TemplateCatalog.LinkVariables.Select(v => v.Replace("stories[]", "story", StringComparison.Ordinal)).Select(v => $"{{{{ {v} }}}}");

    private static string Marker(int index) => $"\uE000{index.ToString(CultureInfo.InvariantCulture)}\uE001";

    private static IEnumerable<int> Markers(string? text) =>
        text is null ? [] : MarkerPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("\uE000(\\d+)\uE001")]
    private static partial Regex MarkerPattern();
}
