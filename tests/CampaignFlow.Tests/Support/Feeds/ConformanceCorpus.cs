using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Feeds;

/// <summary>Finds the feedparser conformance corpus at ../shared/conformance/feeds next to the repository.</summary>
internal static class ConformanceCorpus
{
    public const string Manifest = "conformance/feeds/manifest.jsonl";

    public static readonly string? Folder = RepositoryRoot.Shared(Manifest) is null ? null : RepositoryRoot.Shared("conformance/feeds");
}
