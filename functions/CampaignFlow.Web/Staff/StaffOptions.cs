using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Web.Staff;

/// <summary>How staff sign in to the console (setting section <c>Staff</c>).</summary>
public sealed class StaffOptions
{
    public const string SectionName = "Staff";
    public const string EasyAuth = "EasyAuth";
    public const string LocalLink = "LocalLink";

    /// <summary>
    /// <c>EasyAuth</c> (Azure): App Service built-in authentication with Entra ID signs people in; the app reads the
    /// principal it passes only when the platform says authentication is on (<c>WEBSITE_AUTH_ENABLED</c>).
    /// <c>LocalLink</c> (<c>./campaignflow run</c>): one-time sign-in links, then a signed session cookie.
    /// </summary>
    [Required, RegularExpression("^(EasyAuth|LocalLink)$", ErrorMessage = "Staff__SignIn must be EasyAuth or LocalLink")]
    public string SignIn { get; set; } = EasyAuth;

    /// <summary>The Entra ID app role a person needs (the app registration defines it; infra/ assigns the staff group).</summary>
    [Required]
    public string Role { get; set; } = "Staff";

    /// <summary>How long a local session lasts after signing in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a local one-time sign-in link stays good when nobody uses it.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(12);
}
