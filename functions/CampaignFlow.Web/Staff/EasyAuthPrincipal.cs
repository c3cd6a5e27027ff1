using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Web.Staff;

/// <summary>
/// The <c>X-MS-CLIENT-PRINCIPAL</c> header App Service authentication adds to every signed-in request (base64 JSON:
/// the identity provider's claims and which claim types carry the name and the roles). The platform removes any such
/// header a client sends, which is why it is read only when authentication is on.
/// </summary>
public static class EasyAuthPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>The person when the header names one with <paramref name="role"/>; null when absent, unreadable or without the role.</summary>
    public static StaffPrincipal? Read(string? header, string role, out bool signedIn)
    {
        signedIn = false;
        ClientPrincipal? principal;
        try
        {
            principal = string.IsNullOrEmpty(header) ? null : JsonSerializer.Deserialize<ClientPrincipal>(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
        if (principal?.Claims is not { Count: > 0 } claims)
        {
            return null;
        }
        signedIn = true;
        string? Claim(string? type) => type is null ? null : claims.FirstOrDefault(c => c.Type == type)?.Value;
        var roleType = principal.RoleType ?? "roles";
        if (!claims.Any(c => (c.Type == roleType || c.Type == "roles") && string.Equals(c.Value, role, StringComparison.Ordinal)))
        {
            return null;
        }
        var name = Claim(principal.NameType) ?? Claim("preferred_username") ?? Claim("name") ?? "staff";
        var id = Claim(ObjectIdClaim) ?? Claim("oid") ?? name;
        return new StaffPrincipal(name, "entra:" + id);
    }

    private sealed record ClientPrincipal(
        [property: JsonPropertyName("auth_typ")] string? AuthType,
        [property: JsonPropertyName("claims")] List<ClientClaim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    private sealed record ClientClaim([property: JsonPropertyName("typ")] string Type, [property: JsonPropertyName("val")] string Value);
}
