namespace CampaignFlow.Delivery;

/// <summary>
/// The email templates staff edit and the variables each may use. A variable in a loop is written
/// <c>stories[].title</c> here (<c>{{ story.title }}</c> in a template with <c>{% for story in stories %}</c>).
/// Link variables are the only ones that may fill an <c>href</c> or <c>src</c>, and only as the whole value: their values
/// are checked to be http(s) addresses (or are SendGrid's per-recipient tags) before a template sees them.
/// </summary>
public static class TemplateCatalog
{
    /// <summary>SendGrid substitution tags: each recipient's own links, filled in by the provider.</summary>
    public const string UnsubscribeVariable = "unsubscribe_url";
    public const string PreferencesVariable = "preferences_url";

    private static readonly string[] RecipientLinks = [UnsubscribeVariable, PreferencesVariable];

    /// <summary>The organisation's branding (<see cref="BrandingOptions"/>), known to every template.</summary>
    private static readonly string[] Brand = ["brand.name", "brand.logo_url", "brand.color", "brand.background", "brand.address", "brand.contact_url"];

    private static readonly Dictionary<string, IReadOnlyList<string>> Variables = new(StringComparer.Ordinal)
    {
        ["alert"] = ["title", "date", "feed", "language_note", "summary", "link", "terms", .. RecipientLinks, .. Brand],
        ["confirm"] = ["link", .. Brand],
        ["digest"] =
        [
            "date", "count", "stories", "stories[].title", "stories[].date", "stories[].feed", "stories[].language_note", "stories[].summary", "stories[].link",
            .. RecipientLinks, .. Brand,
        ],
        ["welcome"] = [.. RecipientLinks, .. Brand],
        // A sign-up for an address already subscribed: its own links, no confirm link (nothing changes by mail).
        ["already"] = [.. RecipientLinks, .. Brand],
        // The fresh-link fallback behind every broken link: the address's own links again.
        ["links"] = [.. RecipientLinks, .. Brand],
    };

    /// <summary>The variables that may fill a link (href, src) — as the whole value, without filters.</summary>
    public static IReadOnlySet<string> LinkVariables { get; } =
        new HashSet<string>(["link", "stories[].link", .. RecipientLinks, "brand.logo_url", "brand.contact_url"], StringComparer.Ordinal);

    /// <summary>The variables that may stand in a style attribute: colours checked to be <c>#RRGGBB</c> at start.</summary>
    public static IReadOnlySet<string> ColourVariables { get; } = new HashSet<string>(["brand.color", "brand.background"], StringComparer.Ordinal);

    /// <summary>The templates: alert, confirm, digest, welcome, already (subscribed), links (fresh).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Variables.Keys];

    /// <summary>The variables <paramref name="name"/> knows (loop fields as <c>stories[].title</c>).</summary>
    public static IReadOnlyList<string> VariablesOf(string name) => Variables[name];

    /// <summary>The filters a template may use: none that could undo the HTML encoding (no <c>raw</c>) or build links.</summary>
    public static IReadOnlySet<string> Filters { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "upcase", "downcase", "capitalize", "strip", "truncate", "truncatewords", "default", "size", "escape",
    };

    /// <summary>The Liquid tags a template may use: conditions and loops, nothing that reads files or hides text.</summary>
    public static IReadOnlySet<string> Tags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "if", "elsif", "else", "endif", "unless", "endunless", "for", "endfor", "break", "continue",
    };
}
