using AngleSharp.Html.Parser;

namespace CampaignFlow.Feeds;

/// <summary>The plain text of an HTML fragment (a feed's content:encoded), parsed by a real HTML parser.</summary>
public static class HtmlText
{
    public static string? Of(string html)
    {
        var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        foreach (var element in document.QuerySelectorAll("script, style"))
        {
            element.Remove();
        }
        var text = string.Join(' ', (document.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text;
    }
}
