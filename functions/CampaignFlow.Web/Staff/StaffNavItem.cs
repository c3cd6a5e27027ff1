namespace CampaignFlow.Web.Staff;

/// <summary>One entry of the console's navigation: a label and a path under <c>/staff</c> ("" is the landing page).</summary>
public sealed record StaffNavItem(string Label, string Path, int Order = 100);
