using System.CommandLine;

namespace CampaignFlow.Cli.Commands;

/// <summary>The <c>campaignflow</c> command tree (Program.cs runs it; tests parse the documented commands against it).</summary>
public static class CliRoot
{
    public static RootCommand Create() => new("CampaignFlow: news alerts on the ban on cluster munitions")
    {
        RunCommand.Create(),
        TestCommand.Create(),
        StatusCommand.Create(),
        QueuesCommand.Create(),
        DeliveriesCommand.Create(),
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
