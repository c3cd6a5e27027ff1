namespace CampaignFlow.Delivery;

/// <summary>The shared, persisted half of the kill switch: an automatic pause and the spam-report counter behind it.</summary>
public interface ISendingControl
{
    /// <summary>Why sending is paused automatically; null when it is not.</summary>
    Task<string?> PausedReasonAsync(CancellationToken cancellationToken = default);
    Task PauseAsync(string reason, CancellationToken cancellationToken = default);
    Task ResumeAsync(CancellationToken cancellationToken = default);
    /// <summary>Adds spam reports to the current hour's count and returns that count.</summary>
    Task<int> AddSpamReportsAsync(int reports, CancellationToken cancellationToken = default);
}
