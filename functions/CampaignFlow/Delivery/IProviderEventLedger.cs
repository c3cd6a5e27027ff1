namespace CampaignFlow.Delivery;

/// <summary>
/// The email provider's event ids already counted (SendGrid's <c>sg_event_id</c>), kept for a while so a replayed or
/// retried webhook batch is not counted twice.
/// </summary>
public interface IProviderEventLedger
{
    /// <summary>Records <paramref name="eventId"/>; true the first time it is seen within <paramref name="keepFor"/>.</summary>
    Task<bool> FirstSeenAsync(string eventId, TimeSpan keepFor, CancellationToken cancellationToken = default);
}
