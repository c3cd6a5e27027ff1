namespace CampaignFlow.Cli.Commands;

/// <summary>Arguments are relative to the caller's directory, not the repository's.</summary>
public static class CliPaths
{
    /// <summary>A file path made absolute against the working directory; URLs pass through.</summary>
    public static string Source(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !uri.IsFile ? value : Path.GetFullPath(value);
}
