using CampaignFlow.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Tests.Unit.Tuning;

/// <summary>Stories for preview tests: the project's corpus plus hand-written recent and labeled stories.</summary>
internal static class PreviewStories
{
    public static IReadOnlyList<PreviewStory> Corpus { get; } = [.. LabeledCorpus.ReadDefault().Select(PreviewStory.Labeled)];

    public static PreviewStory Recent(string id, string title, string body) => PreviewStory.Recent(new StoryText(id, title, body, "en"));

    public static PreviewStory Labeled(string id, string title, string body, bool relevant) => PreviewStory.Labeled(new LabeledStory
    {
        Id = id,
        Lang = "en",
        Title = title,
        Body = body,
        Relevant = relevant,
    });
}
