namespace CampaignFlow.Staff;

/// <summary>The record of every staff action, newest first per subject (the trail and history pages show it).</summary>
public interface IStaffActionLog
{
    Task RecordAsync(StaffAction action, CancellationToken cancellationToken = default);

    /// <summary>The actions on one subject, newest first.</summary>
    IAsyncEnumerable<StaffAction> ListAsync(string subject, CancellationToken cancellationToken = default);
}
