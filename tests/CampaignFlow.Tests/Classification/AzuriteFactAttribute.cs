namespace CampaignFlow.Tests.Classification;

/// <summary>A fact that is skipped, with the reason, when Azurite is not installed in node_modules.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (RepositoryPaths.Azurite is null)
        {
            Skip = "node_modules/.bin/azurite is missing (run npm install in the repository root)";
        }
    }
}
