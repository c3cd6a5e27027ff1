namespace CampaignFlow.Cli.Local;

/// <summary>Finds the repository (the folder holding CampaignFlow.sln) from wherever the build output sits.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        var env = Environment.GetEnvironmentVariable("CAMPAIGNFLOW_ROOT");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "CampaignFlow.sln")))
        {
            return Path.GetFullPath(env);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignFlow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (CampaignFlow.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary><c>../shared</c> beside the repository, or null where it is absent (a clone elsewhere).</summary>
    public static string? Shared(string? sub = null)
    {
        var path = Path.GetFullPath(Path.Combine(Find(), "..", "shared", sub ?? ""));
        return Directory.Exists(path) || File.Exists(path) ? path : null;
    }
}
