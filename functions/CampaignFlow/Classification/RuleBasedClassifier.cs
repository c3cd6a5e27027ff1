namespace CampaignFlow.Classification;

/// <summary>Classifies with whatever rule set the provider holds at the moment of the call.</summary>
public sealed class RuleBasedClassifier(IRuleSetProvider provider) : IStoryClassifier
{
    public StoryVerdict Classify(StoryText story) => provider.Current.Classify(story);

    public ValueTask ReadyAsync(CancellationToken cancellationToken = default) => provider.ReadyAsync(cancellationToken);
}
