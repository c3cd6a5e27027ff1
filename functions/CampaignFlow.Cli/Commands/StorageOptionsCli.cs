using System.CommandLine;

namespace CampaignFlow.Cli.Commands;

/// <summary>The options every runbook command shares: which storage to work on.</summary>
public static class StorageOptionsCli
{
    public static Option<string?> State() => new("--state") { Description = "Local state folder (its Azurite); default .state in the repository" };

    public static Option<string?> Account() => new("--account") { Description = "An Azure storage account name or URL, reached with the signed-in identity" };
}
