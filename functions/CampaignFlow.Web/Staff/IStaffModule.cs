namespace CampaignFlow.Web.Staff;

/// <summary>
/// A part of the staff console (stories, subscribers, rules …): its routes and navigation entries. Register one with
/// <c>services.AddSingleton&lt;IStaffModule, X&gt;()</c>; <see cref="StaffConsole"/> checks sign-in, role and
/// anti-forgery before any of its handlers runs, so a module never does.
/// </summary>
public interface IStaffModule
{
    void Map(StaffRouteTable routes);

    IEnumerable<StaffNavItem> Navigation => [];
}
