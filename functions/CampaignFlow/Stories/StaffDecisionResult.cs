namespace CampaignFlow.Stories;

/// <summary>What recording a staff decision did.</summary>
public enum StaffDecisionResult
{
    /// <summary>Recorded now.</summary>
    Recorded,
    /// <summary>The same decision was already recorded (a second click): nothing changed.</summary>
    AlreadyDecided,
    /// <summary>Decided otherwise before: nothing changed.</summary>
    DecidedOtherwise,
    /// <summary>The classifier sent it already: approving adds nothing.</summary>
    AlreadySent,
    /// <summary>Unknown story, or not classified yet.</summary>
    NotClassified,
}
