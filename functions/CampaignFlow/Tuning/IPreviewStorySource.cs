namespace CampaignFlow.Tuning;

/// <summary>Stories the live preview re-classifies: the labeled corpus, staff decisions, the latest stories from the feeds.</summary>
public interface IPreviewStorySource
{
    Task<IReadOnlyList<PreviewStory>> LoadAsync(CancellationToken cancellationToken = default);
}
