using System.CommandLine;
using CampaignFlow.Cli.Commands;

var root = new RootCommand("CampaignFlow: news alerts on the ban on cluster munitions")
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
return await root.Parse(args).InvokeAsync();
