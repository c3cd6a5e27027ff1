using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>
/// The alert for a story as a subscriber reading <c>language</c> would get it: the real composer, the published
/// templates and rule-set labels, for a sample reader (its links are signed for an id that is on no list).
/// </summary>
public sealed class EmailPreviews(IStoryArchive archive, AlertComposer composer)
{
    public async Task<(StoryEntry Entry, EmailMessage Email)?> RenderAsync(string storyId, string? language, CancellationToken cancellationToken = default)
    {
        if (storyId.Length > 200 || await archive.GetAsync(storyId, cancellationToken) is not { Verdict: { } verdict } entry)
        {
            return null;
        }
        var reader = Subscriber.Create("sample.reader@example.org") with
        {
            Name = "Sample Reader",
            Language = Languages.Normalize(Languages.IsSupported(language) ? language : entry.Story.Language),
            Status = SubscriberStatus.Active,
        };
        var email = await composer.ComposeAsync(new ClassifiedStory(entry.Story, verdict), reader, cancellationToken);
        return (entry, email);
    }
}
