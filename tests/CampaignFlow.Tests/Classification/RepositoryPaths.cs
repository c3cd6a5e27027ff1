namespace CampaignFlow.Tests.Classification;

/// <summary>Finds the repository root (the folder with CampaignFlow.sln) and the shared folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string? Root { get; } = FindRoot();

    /// <summary>../shared from the repository root, when present.</summary>
    public static string? Shared => Root is null ? null : Existing(Path.GetFullPath(Path.Combine(Root, "..", "shared")));

    public static string? SharedCorpus => Shared is null ? null : ExistingFile(Path.Combine(Shared, "corpus", "stories.jsonl"));

    public static string? SeedStory => Shared is null || !Directory.Exists(Path.Combine(Shared, "seed"))
        ? null
        : Directory.GetFiles(Path.Combine(Shared, "seed"), "*.txt").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault();

    public static string? Azurite => Root is null ? null : ExistingFile(Path.Combine(Root, "node_modules", ".bin", "azurite"));

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignFlow.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static string? Existing(string dir) => Directory.Exists(dir) ? dir : null;

    private static string? ExistingFile(string file) => File.Exists(file) ? file : null;
}
