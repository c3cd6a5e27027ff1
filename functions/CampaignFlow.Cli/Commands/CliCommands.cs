using System.CommandLine;

namespace CampaignFlow.Cli.Commands;

/// <summary>The command table of <c>campaignflow</c>: every command it has (the contract tests enumerate it).</summary>
public static class CliCommands
{
    public static RootCommand Root() => new("CampaignFlow: news alerts on the ban on cluster munitions")
    {
        RunCommand.Create(),
        TestCommand.Create(),
        QueuesCommand.Create(),
        SendingCommand.Create(),
        KeysCommand.Create(),
        FeedsCommand.Create(),
        ClassifierCommand.Create(),
        BenchCommand.Create(),
        SubscribersCommand.Create(),
        ReviewCommand.Create(),
        TemplatesCommand.Create(),
        RulesCommand.Create(),
    };
}
