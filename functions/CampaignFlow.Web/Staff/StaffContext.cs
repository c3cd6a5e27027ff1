namespace CampaignFlow.Web.Staff;

/// <summary>What every console page needs besides its own data: who is signed in, their anti-forgery token, the navigation.</summary>
public sealed record StaffContext(StaffPrincipal Staff, string Csrf, IReadOnlyList<StaffNavItem> Navigation, string CurrentPath);
