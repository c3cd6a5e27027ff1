using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Web.Pages.Staff;

/// <summary>
/// The console's one style sheet, inline and allowed by the Content-Security-Policy through its SHA-256 (as
/// <see cref="Shared.PageStyle"/> for the subscriber pages). Contrast at least 4.5:1, a visible focus ring everywhere.
/// </summary>
public static class StaffStyle
{
    public const string Css =
        "*{box-sizing:border-box}body{font-family:Arial,Helvetica,sans-serif;margin:0;line-height:1.45;color:#1b1b1b;background:#f6f7f9}"
        + "header{background:#14365f;color:#fff;padding:.6em 1.5em;display:flex;flex-wrap:wrap;align-items:center;gap:1em 2em}"
        + "header .brand{font-weight:bold;font-size:1.1em}header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1.2em;flex-wrap:wrap}"
        + "header a{color:#fff}header a[aria-current=page]{font-weight:bold;text-decoration-thickness:3px}"
        + "header .who{margin-left:auto;display:flex;align-items:center;gap:.8em}header .who form{margin:0}"
        + "header .who button{background:transparent;color:#fff;border:1px solid #fff;padding:.2em .8em;margin:0}"
        + "main{max-width:78em;margin:0 auto;padding:1em 1.5em 3em}h1{font-size:1.6em;margin:.4em 0 .6em}h2{font-size:1.25em;margin:1.6em 0 .5em}"
        + "a{color:#0b4f9c}:focus-visible{outline:3px solid #f0a000;outline-offset:2px}"
        + "input,select,button,textarea{font:inherit}label{font-weight:bold}"
        + "button{padding:.4em 1.1em;background:#14365f;color:#fff;border:0;border-radius:3px;cursor:pointer}"
        + "button.reject{background:#fff;color:#8a1c1c;border:1px solid #8a1c1c}"
        + ".filters{display:flex;flex-wrap:wrap;gap:.8em 1.2em;align-items:flex-end;background:#fff;padding:.8em 1em;border:1px solid #c9ced6;border-radius:4px}"
        + ".filters div{display:flex;flex-direction:column;gap:.2em}.filters input,.filters select{padding:.35em;border:1px solid #767676;border-radius:3px}"
        + "table{border-collapse:collapse;width:100%;background:#fff;margin-top:1em}caption{text-align:left;padding:.4em 0;color:#444}"
        + "th,td{border-bottom:1px solid #d5d9df;padding:.5em .6em;text-align:left;vertical-align:top}th{background:#e9edf2;font-size:.92em}"
        + "td.num{text-align:right;white-space:nowrap}.muted{color:#555}.nowrap{white-space:nowrap}"
        + ".verdict{display:inline-block;padding:.1em .55em;border-radius:1em;font-size:.85em;font-weight:bold;white-space:nowrap}"
        + ".verdict.sent{background:#dff3e4;color:#14532d}.verdict.held{background:#fff3cd;color:#6b4400}.verdict.dropped{background:#eceff3;color:#3d4450}"
        + ".verdict.rejected{background:#fde2e2;color:#7f1d1d}.verdict.pending{background:#e0ecfb;color:#1e3a8a}"
        + ".tags{font-size:.88em;color:#333}.actions{display:flex;gap:.5em;flex-wrap:wrap}.actions form{margin:0}"
        + ".panel{background:#fff;border:1px solid #c9ced6;border-radius:4px;padding:.8em 1.2em;margin:1em 0}"
        + "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1.2em;margin:0}dl.facts dt{font-weight:bold}dl.facts dd{margin:0}"
        + "mark{background:#ffe58a;color:#1b1b1b;padding:0 .1em;border-radius:2px}mark.neg{background:#f8c9c9}"
        + ".storytext{white-space:pre-wrap;overflow-wrap:anywhere;max-width:50em}.notice{background:#e8f1fb;border-left:4px solid #0b4f9c;padding:.6em 1em;margin:1em 0}"
        + ".error{color:#8a1c1c;font-weight:bold}.counts{display:flex;flex-wrap:wrap;gap:1em}.counts table{width:auto;min-width:14em}"
        + "label.inline{font-weight:normal;display:inline-flex;gap:.4em;align-items:center;margin-right:.6em}"
        + "iframe.email{width:100%;max-width:50em;height:48em;border:1px solid #c9ced6;background:#fff}a.lang{margin-left:1em}a.lang[aria-current=page]{font-weight:bold}";

    /// <summary>The CSP source that allows exactly <see cref="Css"/>.</summary>
    public static string CspSource { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'";
}
