using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Web.Pages.Shared;

/// <summary>
/// The pages' one style sheet, inline (no extra request, works in both hosts) and allowed by the Content-Security-Policy
/// through its SHA-256, so no other inline style or script can run.
/// </summary>
public static class PageStyle
{
    public const string Css =
        "body{font-family:Arial,Helvetica,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222;background:#fff}"
        + "label{display:block;margin-top:1em}input,select,button{font:inherit}input[type=email],input[type=text],input:not([type]),select{width:100%;max-width:30em;padding:.4em;box-sizing:border-box}"
        + "fieldset{margin-top:1em;border:1px solid #767676}fieldset label{margin-top:.2em}.hint{margin:1em 0 0}"
        + "button{margin-top:1.5em;padding:.5em 1.5em;background:#1a4d8f;color:#fff;border:0;border-radius:3px;cursor:pointer}"
        + ".error{color:#a00000;font-weight:bold;margin:.2em 0}a{color:#1a4d8f}.hp{position:absolute;left:-10000px}.aside{margin-top:2em}"
        + ".site{margin:0;padding-bottom:.4em;border-bottom:3px solid #1a4d8f;font-size:.9em;font-weight:bold;color:#444}h1{margin-top:.6em}";

    /// <summary>The CSP source that allows exactly <see cref="Css"/>.</summary>
    public static string CspSource { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'";
}
