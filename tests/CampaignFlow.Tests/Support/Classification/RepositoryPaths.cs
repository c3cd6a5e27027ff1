using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Classification;

/// <summary>The repository root and the evaluation material in ../shared beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Find();

    public static string? SharedCorpus => RepositoryRoot.Shared("corpus/stories.jsonl");

    public static string? SeedStory => RepositoryRoot.Shared("seed") is { } seed
        ? Directory.GetFiles(seed, "*.txt").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault()
        : null;
}
