namespace CampaignFlow.Stories;

/// <summary>Full article texts, kept out of the ledger rows and queue messages (which carry the story id only).</summary>
public interface IStoryTextStore
{
    Task SaveAsync(string storyId, string text, CancellationToken cancellationToken = default);

    Task<string?> GetAsync(string storyId, CancellationToken cancellationToken = default);
}
