using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// A story whose decision an edit changes: the active rules' decision and score before, the edited rules' full verdict
/// after (its evidence is what the page highlights), and the label when the story has one.
/// </summary>
public sealed record PreviewChange(PreviewStory Story, ClassificationDecision Before, double BeforeScore, StoryVerdict After)
{
    /// <summary>True when the story was not alerted and now would be.</summary>
    public bool NowAlerts => Before != ClassificationDecision.Send && After.Decision == ClassificationDecision.Send;

    /// <summary>True when the story was alerted and now would not be.</summary>
    public bool StopsAlerting => Before == ClassificationDecision.Send && After.Decision != ClassificationDecision.Send;

    /// <summary>Whether the change agrees with the label: true when it now matches, false when it now disagrees, null when unlabeled or neither.</summary>
    public bool? Improves => Story.Label is not { } label ? null
        : After.Relevant == label.Relevant && (Before == ClassificationDecision.Send) != label.Relevant ? true
        : After.Relevant != label.Relevant && (Before == ClassificationDecision.Send) == label.Relevant ? false
        : null;
}
