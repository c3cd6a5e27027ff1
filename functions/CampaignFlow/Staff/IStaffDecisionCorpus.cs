using CampaignFlow.Classification;

namespace CampaignFlow.Staff;

/// <summary>
/// The labeled examples staff decisions make (approved or sent = relevant, rejected = not), kept in storage next to the
/// running app (blob), not in the tracked corpus file: the rules preview and suggested terms read them with the corpus.
/// One example per story: a later decision on the same story replaces the earlier one.
/// </summary>
public interface IStaffDecisionCorpus
{
    Task SaveAsync(LabeledStory example, CancellationToken cancellationToken = default);

    IAsyncEnumerable<LabeledStory> ListAsync(CancellationToken cancellationToken = default);
}
