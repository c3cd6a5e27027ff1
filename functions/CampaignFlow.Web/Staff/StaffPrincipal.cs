namespace CampaignFlow.Web.Staff;

/// <summary>A signed-in person with the staff role: what every staff action records as "who".</summary>
/// <remarks>Name: A display name or sign-in name (never shown unencoded).</remarks>
/// <remarks>Session: What the anti-forgery token is bound to: the session cookie, or the Entra ID object id.</remarks>
public sealed record StaffPrincipal(string Name, string Session);
