using System.Text.RegularExpressions;

namespace CampaignFlow.Delivery;

/// <summary>
/// Keeps feed-controlled values (title, summary, feed name, terms, the story's link and its query string) from ever
/// holding a SendGrid substitution: SendGrid replaces <c>-unsubscribe_url-</c> and <c>-preferences_url-</c> anywhere in
/// the subject, the HTML and the text part with the recipient's own signed links, so a feed item linking to
/// <c>https://evil.example/?u=-unsubscribe_url-</c> would hand every recipient's links to that host (mail scanners
/// that prefetch links deliver them without a click). The tag names are broken wherever they stand, with or without
/// their dashes (a value could end in <c>-unsubscribe_url</c> right before a dash of the template's own), and so are
/// SendGrid's own <c>&lt;%…%&gt;</c> tags (unsubscribe groups), which only the text part would carry unencoded.
/// </summary>
public static partial class SubstitutionTags
{
    /// <summary>Text: <c>unsubscribe_url</c> reads <c>unsubscribe url</c>; <c>&lt;%</c> reads <c>&lt; %</c>.</summary>
    public static string Neutralise(string value) =>
        TagName().Replace(value, m => m.Groups["word"].Value + " url").Replace("<%", "< %", StringComparison.Ordinal);

    /// <summary>
    /// An http(s) link as an absolute URI, with a tag name's underscore percent-encoded (<c>unsubscribe%5Furl</c>): the
    /// same address to any server (RFC 3986 §6.2.2.2), but no longer a tag; null for anything else.
    /// </summary>
    public static string? SafeLink(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? TagName().Replace(uri.AbsoluteUri, m => m.Groups["word"].Value + "%5Furl")
            : null;

    [GeneratedRegex("(?<word>unsubscribe|preferences)_url", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagName();
}
