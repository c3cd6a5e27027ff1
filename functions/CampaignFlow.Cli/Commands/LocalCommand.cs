using System.CommandLine;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Cli.Commands;

/// <summary>Runs a command's work against the local state's Azurite, started and stopped the same way for every command.</summary>
public static class LocalCommand
{
    public static Option<string?> StateOption() =>
        new("--state") { Description = "Folder for local state (Azurite data); default .state in the repository", Recursive = true };

    public static async Task<int> RunAsync(ParseResult parse, Option<string?> state, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var storage = await StorageSession.OpenAsync(account: null, parse.GetValue(state), cancellationToken);
            await Console.Error.WriteLineAsync($"({storage.Description})");
            return await work(storage.Services);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
