using System.CommandLine;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Operations;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary><c>status</c> and <c>sending status</c> as an operator runs them, against a local state's Azurite.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string State => Path.Combine(_temp.Path, "state");

    private async Task<(int Exit, string Output, string Error)> RunAsync(Command command, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.Parse([.. args, "--state", State]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private async Task SeedAsync(Func<IServiceProvider, Task> seed)
    {
        await using var session = await StorageSession.OpenAsync(account: null, State);
        await seed(session.Services);
    }

    [Fact]
    public async Task ShowsTheLastPollPerFeedQueueDepthsPausedStateAndTheLastAlertSent()
    {
        var polled = new DateTimeOffset(2026, 12, 4, 13, 50, 0, TimeSpan.Zero);
        await SeedAsync(async services =>
        {
            await services.GetRequiredService<IFeedStateStore>().SaveAsync("mfa-en", new FeedState { LastSuccess = polled, LastAttempt = polled.AddMinutes(10), ConsecutiveFailures = 1, LastError = "HTTP 503" });
            await services.GetRequiredService<IMessageQueue>().SendAsync("deliveries-poison", new DeadLetter("deliveries", "failed 11 times: 503", "{}", polled));
            await services.GetRequiredService<ISendingControl>().PauseAsync("12 spam reports within the hour (threshold 10)");
            var log = services.GetRequiredService<IOperationsLog>();
            await log.RecordSettingPausedAsync(false);
            await log.RecordBatchSentAsync("story-42", 3, 1000);
        });

        var (exit, output, error) = await RunAsync(StatusCommand.Create());

        Assert.Equal(0, exit);
        Assert.Matches(@"mfa-en\s+2026-12-04 13:50 UTC\s+2026-12-04 14:00 UTC\s+1\s+HTTP 503", output);
        Assert.Matches(@"deliveries\s+0\s+1", output);
        Assert.Contains("sending          PAUSED", output);
        Assert.Contains("paused: 12 spam reports within the hour", output);
        Assert.Contains("Sending__Paused false (as the app reported it", output);
        Assert.Contains("last alert sent  story-42 batch 3, 1000 recipients", output);
        Assert.Contains("deliveries-poison", output);
        Assert.Contains("LOCAL Azurite", error);
        Assert.Contains("--account", error);
    }

    [Fact]
    public async Task SendingStatusReportsTheAppSettingBesideTheSwitch()
    {
        await SeedAsync(services => services.GetRequiredService<IOperationsLog>().RecordSettingPausedAsync(true));

        var (exit, output, error) = await RunAsync(SendingCommand.Create(), "status");

        Assert.Equal(0, exit);
        Assert.StartsWith("sending", output);
        Assert.Contains("Sending__Paused: true: paused by the app setting", output);
        Assert.Contains("LOCAL Azurite", error);
    }

    public void Dispose() => _temp.Dispose();
}
