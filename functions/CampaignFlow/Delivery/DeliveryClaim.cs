namespace CampaignFlow.Delivery;

/// <summary>The answer of the delivery ledger to "may I send this story to this recipient?".</summary>
public enum DeliveryClaim
{
    /// <summary>Yours to send, under your attempt.</summary>
    Claimed,
    /// <summary>Already sent: never again.</summary>
    AlreadySent,
    /// <summary>Another attempt holds a fresh claim; look again later.</summary>
    Busy,
    /// <summary>An attempt died while its request was in flight: it may have been sent, so it is never sent again.</summary>
    Uncertain,
}
