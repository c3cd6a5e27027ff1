namespace CampaignFlow.Tests.Classification;

/// <summary>A fact that is skipped, with the reason, when ../shared/corpus/stories.jsonl is not beside the repository.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (RepositoryPaths.SharedCorpus is null)
        {
            Skip = "../shared/corpus/stories.jsonl is not beside the repository root (the external evaluation corpus is absent)";
        }
    }
}
