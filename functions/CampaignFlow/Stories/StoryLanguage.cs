namespace CampaignFlow.Stories;

/// <summary>
/// The text a subscriber reads: the story's version in their language when the ledger holds one (linked by release or
/// by a shared guid, whichever language arrived first), else the original. The story's id, verdict and link to the
/// ledger stay the original's, so delivery is still counted once per story.
/// </summary>
public static class StoryLanguage
{
    public static async Task<ClassifiedStory> InLanguageAsync(this IStoryLedger ledger, ClassifiedStory classified, string language, CancellationToken cancellationToken = default)
    {
        var story = classified.Story;
        if (string.Equals(story.Language, language, StringComparison.OrdinalIgnoreCase)
            || !story.LanguageVersions.TryGetValue(language, out var versionId)
            || await ledger.GetAsync(versionId, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return classified;
        }
        return classified with
        {
            Story = story with
            {
                Title = version.Title,
                Summary = version.Summary,
                Link = version.Link ?? story.Link,
                Language = version.Language,
            },
        };
    }
}
