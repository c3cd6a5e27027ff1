namespace CampaignFlow.Tests.Classification;

/// <summary>A fact that is skipped, with the reason, when ../shared/seed/*.txt is not beside the repository.</summary>
public sealed class SeedStoryFactAttribute : FactAttribute
{
    public SeedStoryFactAttribute()
    {
        if (RepositoryPaths.SeedStory is null)
        {
            Skip = "../shared/seed/*.txt is not beside the repository root (the seed story is absent)";
        }
    }
}
