namespace CampaignFlow.Classification;

/// <summary>Decides whether a story is about the ban on cluster munitions, and why.</summary>
public interface IStoryClassifier
{
    StoryVerdict Classify(StoryText story);

    /// <summary>Completes once the classifier uses the rules staff published; await it before the first story.</summary>
    ValueTask ReadyAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
