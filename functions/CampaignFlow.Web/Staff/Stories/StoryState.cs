using CampaignFlow.Classification;
using CampaignFlow.Stories;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>What became of a story, in the words of the console's verdict filter and badges.</summary>
public static class StoryState
{
    public const string Sent = "sent";
    public const string Held = "held";
    public const string Dropped = "dropped";
    public const string Rejected = "rejected";
    public const string Pending = "pending";
    public const string Version = "other version";

    public static IReadOnlyList<string> Filterable { get; } = [Sent, Held, Dropped, Rejected, Pending, Version];

    public static string Of(StoryEntry entry) => entry switch
    {
        { Decision.Approved: true } => Sent,
        { Decision.Approved: false } => Rejected,
        { Verdict.Decision: ClassificationDecision.Send } => Sent,
        { Verdict.Decision: ClassificationDecision.Hold } => Held,
        { Verdict.Decision: ClassificationDecision.Drop } => Dropped,
        { Story.Status: StoryStatus.LanguageVersion or StoryStatus.Duplicate or StoryStatus.Skipped } => Version,
        _ => Pending,
    };

    /// <summary>The badge's words: how it came to be sent or not.</summary>
    public static string Describe(StoryEntry entry) => entry switch
    {
        { Decision.Approved: true, Verdict.Decision: ClassificationDecision.Hold } => "sent (approved)",
        { Decision.Approved: true } => "sent by staff",
        { Decision.Approved: false, Verdict.Decision: ClassificationDecision.Send } => "sent, then rejected",
        { Decision.Approved: false } => "rejected",
        { Story.Status: StoryStatus.LanguageVersion } => "language version",
        { Story.Status: StoryStatus.Duplicate } => "duplicate",
        { Story.Status: StoryStatus.Skipped } => "skipped (older than the first poll window)",
        _ => Of(entry),
    };
}
