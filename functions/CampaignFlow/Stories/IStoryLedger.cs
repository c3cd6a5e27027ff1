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

    Task SaveVerdictAsync(string storyId, Classification.Classification verdict, CancellationToken cancellationToken = default);

    Task<ClassifiedStory?> GetClassifiedAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>Records an edit by the feed: new title and summary, previous title, update count and time.</summary>
    Task RecordUpdateAsync(Story story, CancellationToken cancellationToken = default);

    /// <summary>Claims a release for a story; returns the story holding it (this one when it is the first).</summary>
    Task<ReleaseClaim> ClaimReleaseAsync(string releaseKey, string storyId, string? language, CancellationToken cancellationToken = default);

    /// <summary>Records on the alerted story that another language's version exists.</summary>
    Task AddLanguageVersionAsync(string storyId, string language, string versionStoryId, CancellationToken cancellationToken = default);

    Task SetHasFullTextAsync(string storyId, CancellationToken cancellationToken = default);
}
