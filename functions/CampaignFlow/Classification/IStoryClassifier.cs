namespace CampaignFlow.Classification;

/// <summary>Decides whether a story is about the ban on cluster munitions, and why.</summary>
public interface IStoryClassifier
{
    Classification Classify(StoryText story);
}
