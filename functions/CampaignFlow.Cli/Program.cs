using CampaignFlow.Cli.Commands;

return await CliCommands.Root().Parse(args).InvokeAsync();
