using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Delivery;

/// <summary>
/// Who is speaking in every mail (app settings <c>Branding__…</c>), applied by the templates of every language: the
/// organisation's name, logo and colours, the postal address bulk-sender rules (CAN-SPAM) require in every mail, and a
/// contact link. Checked at start: a colour is <c>#RRGGBB</c>, links are https (the contact link may be <c>mailto:</c>).
/// </summary>
public sealed class BrandingOptions : IValidatableObject
{
    public const string SectionName = "Branding";

    [Required, StringLength(100)]
    public string OrganisationName { get; set; } = "Cluster Munition Coalition";

    /// <summary>An https address of the logo (about 320 px wide, shown at 160); empty: no logo.</summary>
    [StringLength(500)]
    public string? LogoUrl { get; set; }

    /// <summary>Accent colour: the header rule, links and buttons (white text on it, so keep it dark).</summary>
    [Required, RegularExpression("^#[0-9A-Fa-f]{6}$", ErrorMessage = "Branding__PrimaryColor must be a colour written #RRGGBB")]
    public string PrimaryColor { get; set; } = "#0B5394";

    /// <summary>Page background around the mail.</summary>
    [Required, RegularExpression("^#[0-9A-Fa-f]{6}$", ErrorMessage = "Branding__BackgroundColor must be a colour written #RRGGBB")]
    public string BackgroundColor { get; set; } = "#FFFFFF";

    /// <summary>The sender's postal address, shown at the foot of every mail.</summary>
    [Required, StringLength(300, MinimumLength = 10)]
    public string PostalAddress { get; set; } = "Maison de la Paix, Chemin Eugène-Rigot 2C, 1202 Geneva, Switzerland";

    /// <summary>Where a reader reaches a person: an https page or a mailto: address; empty: no contact link.</summary>
    [StringLength(500)]
    public string? ContactUrl { get; set; } = "https://www.stopclustermunitions.org/";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(LogoUrl) && !IsHttps(LogoUrl))
        {
            yield return new ValidationResult("Branding__LogoUrl must be an https address", [nameof(LogoUrl)]);
        }
        if (!string.IsNullOrEmpty(ContactUrl) && !IsHttps(ContactUrl) && !(ContactUrl.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && ContactUrl.Contains('@', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("Branding__ContactUrl must be an https address or mailto:address", [nameof(ContactUrl)]);
        }
    }

    private static bool IsHttps(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The values templates read as <c>brand.name</c>, <c>brand.logo_url</c>, <c>brand.color</c> …</summary>
    public IReadOnlyDictionary<string, object?> ToTemplateValues() => new Dictionary<string, object?>
    {
        ["name"] = OrganisationName,
        ["logo_url"] = LogoUrl,
        ["color"] = PrimaryColor,
        ["background"] = BackgroundColor,
        ["address"] = PostalAddress,
        ["contact_url"] = ContactUrl,
    };
}
