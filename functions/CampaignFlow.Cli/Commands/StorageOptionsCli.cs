using System.CommandLine;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// The options every runbook command shares, which storage to work on (<c>--state</c> or <c>--account</c>), and the one
/// way to open it: a <see cref="StorageSession"/> named on standard error so the operator sees where they are working.
/// </summary>
public static class StorageOptionsCli
{
    public static Option<string?> State() => new("--state") { Description = "Local state folder (its Azurite); default .state in the repository" };

    public static Option<string?> Account() => new("--account") { Description = "An Azure storage account name or URL, reached with the signed-in identity" };

    /// <summary>Adds <c>--state</c> and <c>--account</c> to the command.</summary>
    public static Command WithStorageOptions(this Command command)
    {
        command.Options.Add(State());
        command.Options.Add(Account());
        return command;
    }

    /// <summary>Adds the storage options and runs <paramref name="action"/> on a session opened from them, closed after.</summary>
    public static Command WithStorage(this Command command, Func<StorageSession, ParseResult, CancellationToken, Task<int>> action)
    {
        command.WithStorageOptions();
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await OpenAsync(parse, ct);
            return await action(session, parse, ct);
        });
        return command;
    }

    /// <summary>Opens the storage the command's <c>--account</c>/<c>--state</c> name and says which on standard error.</summary>
    public static async Task<StorageSession> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var session = await StorageSession.OpenAsync(parse.GetValue<string?>("--account"), parse.GetValue<string?>("--state"), ct);
        await parse.InvocationConfiguration.Error.WriteLineAsync($"({session.Description})");
        return session;
    }
}
