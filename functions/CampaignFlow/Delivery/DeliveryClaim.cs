namespace CampaignFlow.Delivery;

/// <summary>The answer of the delivery ledger to "may I send this story to this recipient?".</summary>
public enum DeliveryClaim
{
    /// <summary>Yours to send; mark it sent afterwards.</summary>
    Claimed,
    /// <summary>Already sent: never again.</summary>
    AlreadySent,
    /// <summary>Another worker holds a fresh claim; its own retry finishes the job if it dies.</summary>
    Busy,
}
