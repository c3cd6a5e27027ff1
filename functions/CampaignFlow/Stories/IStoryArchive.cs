namespace CampaignFlow.Stories;

/// <summary>The story ledger as staff read it (recent stories, one story's entry) and the decisions they record on it.</summary>
public interface IStoryArchive
{
    /// <summary>Stories first seen at or after <paramref name="since"/>, classified or not, in no particular order.</summary>
    IAsyncEnumerable<StoryEntry> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    Task<StoryEntry?> GetAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records who approved or rejected a classified story and when. Approving works on a held story and on one the
    /// classifier dropped (staff send it); on a story the classifier sent it answers <see cref="StaffDecisionResult.AlreadySent"/>.
    /// Two people (or two clicks) at once produce one decision.
    /// </summary>
    Task<StaffDecisionResult> DecideAsync(string storyId, bool approved, string who, CancellationToken cancellationToken = default);
}
