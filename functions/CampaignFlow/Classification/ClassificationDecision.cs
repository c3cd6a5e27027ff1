namespace CampaignFlow.Classification;

/// <summary>What the pipeline does with a classified story.</summary>
public enum ClassificationDecision
{
    /// <summary>Not about the ban: recorded, not sent.</summary>
    Drop,
    /// <summary>In the review band: held until a person approves or rejects it.</summary>
    Hold,
    /// <summary>Relevant: alert the subscribers.</summary>
    Send,
}
