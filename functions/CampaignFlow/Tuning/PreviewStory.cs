using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// A story the preview re-classifies: a recent story from the feeds (<see cref="Label"/> null) or a labeled one
/// (the project corpus or a staff decision), whose label says whether the rules got it right.
/// </summary>
public sealed record PreviewStory(StoryText Text, PreviewSource Source, LabeledStory? Label = null)
{
    public static PreviewStory Recent(StoryText text) => new(text, PreviewSource.Recent);

    public static PreviewStory Labeled(LabeledStory story) => new(story.ToStoryText(), PreviewSource.Labeled, story);
}
