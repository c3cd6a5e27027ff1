using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff;

/// <summary>A request on a staff route that passed sign-in, role and (for POST) anti-forgery checks, with its route values.</summary>
public sealed record StaffRequest(HttpRequest Http, StaffContext Context, IReadOnlyDictionary<string, string> Values, IFormCollection? Form)
{
    public StaffPrincipal Staff => Context.Staff;

    public string Value(string name) => Values[name];

    public string? Query(string name) => Http.Query[name].FirstOrDefault();

    public string? Field(string name) => Form?[name].FirstOrDefault();
}
