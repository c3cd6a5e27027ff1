using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web;

/// <summary>
/// Plain, accessible HTML pages (no script) in the language of a <see cref="PageText"/>: every value is HTML-encoded
/// here, never by the caller.
/// </summary>
public static class HtmlPage
{
    public static IResult Message(PageText text, string title, string message, int status = 200) =>
        Render(text, title, $"<p>{Encode(message)}</p>", status);

    /// <summary>A page with a form; <paramref name="bodyHtml"/> is built only with <see cref="Encode"/>d values.</summary>
    public static IResult Render(PageText text, string title, string bodyHtml, int status = 200)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(Encode(text.Language)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Encode(title)).Append(" — ").Append(Encode(text.SiteName)).Append("</title>")
            .Append("<style>body{font-family:Arial,Helvetica,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}label{display:block;margin-top:1em}")
            .Append("fieldset{margin-top:1em;border:1px solid #ccc}fieldset label{margin-top:.2em}.hint{margin:1em 0 0}button{margin-top:1.5em;padding:.5em 1.5em}.hp{position:absolute;left:-10000px}</style>")
            .Append("</head><body><main><h1>").Append(Encode(title)).Append("</h1>").Append(bodyHtml).Append("</main></body></html>")
            .ToString();
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
