using CampaignFlow.Staff;

namespace CampaignFlow.Tuning;

/// <summary>The labeled examples staff decisions made (approved or sent: relevant; rejected: not) as preview stories.</summary>
public sealed class StaffDecisionPreviewSource(IStaffDecisionCorpus decisions) : IPreviewStorySource
{
    public async Task<IReadOnlyList<PreviewStory>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stories = new List<PreviewStory>();
        await foreach (var example in decisions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            stories.Add(PreviewStory.Labeled(example));
        }
        return stories;
    }
}
