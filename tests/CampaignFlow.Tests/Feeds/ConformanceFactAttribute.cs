namespace CampaignFlow.Tests.Feeds;

/// <summary>A fact that is reported as skipped, with the reason, when the conformance corpus is not next to the repository.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceCorpus.Folder is null)
        {
            Skip = "../shared/conformance/feeds/manifest.jsonl was not found next to the repository root";
        }
    }
}
