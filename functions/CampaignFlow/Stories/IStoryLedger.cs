using CampaignFlow.Classification;
namespace CampaignFlow.Stories;

/// <summary>Every story ever seen, once. The ledger is what makes a story new exactly once.</summary>
public interface IStoryLedger
{
    /// <summary>Records a story (as pending unless its status says otherwise); false when the key is already in the ledger.</summary>
    Task<bool> TryAddAsync(Story story, CancellationToken cancellationToken = default);

    Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default);

    Task SetStatusAsync(string storyId, StoryStatus status, CancellationToken cancellationToken = default);

    /// <summary>Stories of a feed recorded but never confirmed on the queue (a crash between the two).</summary>
    IAsyncEnumerable<Story> ListPendingAsync(string feed, CancellationToken cancellationToken = default);

    Task SaveVerdictAsync(string storyId, StoryVerdict verdict, CancellationToken cancellationToken = default);

    Task<ClassifiedStory?> GetClassifiedAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>Records an edit by the feed: new title and summary, previous title, update count and time.</summary>
    Task RecordUpdateAsync(Story story, CancellationToken cancellationToken = default);

    /// <summary>Claims a release for a story; returns the story holding it (this one when it is the first).</summary>
    Task<ReleaseClaim> ClaimReleaseAsync(string releaseKey, string storyId, string? language, CancellationToken cancellationToken = default);

    /// <summary>Records on the alerted story that another language's version exists.</summary>
    Task AddLanguageVersionAsync(string storyId, string language, string versionStoryId, CancellationToken cancellationToken = default);

    Task SetHasFullTextAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>Classified stories the classifier held for review that nobody has approved or rejected yet.</summary>
    IAsyncEnumerable<ClassifiedStory> ListHeldAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a person's decision on a held story; true again for the same decision, false when not held or decided otherwise.</summary>
    Task<bool> SetReviewAsync(string storyId, bool approved, CancellationToken cancellationToken = default);

    /// <summary>Stories first seen since <paramref name="since"/> that were sent as alerts (relevant or approved on review).</summary>
    IAsyncEnumerable<ClassifiedStory> ListRelevantSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
