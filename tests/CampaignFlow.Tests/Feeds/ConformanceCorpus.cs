namespace CampaignFlow.Tests.Feeds;

/// <summary>Finds the feedparser conformance corpus at ../shared/conformance/feeds next to the repository.</summary>
internal static class ConformanceCorpus
{
    public static readonly string? Folder = Locate();

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignFlow.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "feeds"));
                return File.Exists(Path.Combine(folder, "manifest.jsonl")) ? folder : null;
            }
        }
        return null;
    }
}
