using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>The project's labeled corpus (config/corpus, embedded in the library) as preview stories.</summary>
public sealed class CorpusPreviewSource : IPreviewStorySource
{
    private readonly Lazy<IReadOnlyList<PreviewStory>> stories = new(() => [.. LabeledCorpus.ReadDefault().Select(PreviewStory.Labeled)]);

    public Task<IReadOnlyList<PreviewStory>> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(stories.Value);
}
