using System.CommandLine;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// Runs a command's work against the local state's Azurite (started and stopped the same way for every command), or
/// with <c>--account</c> against a storage account; either way it says which first, on stderr.
/// </summary>
public static class LocalCommand
{
    public static Option<string?> StateOption() =>
        new("--state") { Description = "Folder for local state (Azurite data); default .state in the repository", Recursive = true };

    /// <summary><c>--account NAME</c>, as the runbook commands take it: an Azure storage account reached with the signed-in identity.</summary>
    public static Option<string?> AccountOption() =>
        new("--account") { Description = "An Azure storage account name or URL, reached with your signed-in identity (default: the local state's Azurite)", Recursive = true };

    public static Task<int> RunAsync(ParseResult parse, Option<string?> state, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken) =>
        RunAsync(parse, state, null, work, cancellationToken);

    public static async Task<int> RunAsync(ParseResult parse, Option<string?> state, Option<string?>? account, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var storage = await StorageSession.OpenAsync(account is null ? parse.GetValue<string?>("--account") : parse.GetValue(account), parse.GetValue(state), cancellationToken);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"({storage.Description})");
            return await work(storage.Services);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
