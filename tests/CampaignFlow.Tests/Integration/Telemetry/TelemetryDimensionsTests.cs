using CampaignFlow.Operations;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Delivery;
using CampaignFlow.Functions;
using CampaignFlow.Telemetry;
using CampaignFlow.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Telemetry;

/// <summary>The dimensions the alerts and the workbook read are on the events the app emits (against Azurite).</summary>
public sealed class TelemetryDimensionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task MonitorQueuesReportsWhetherSendingIsPausedOnEveryTick()
    {
        var telemetry = new RecordingTelemetry();
        using var services = azurite.Services(configure: s => s.AddSingleton<IPipelineTelemetry>(telemetry));
        var monitor = ActivatorUtilities.CreateInstance<MonitorQueues>(services);
        var control = services.GetRequiredService<ISendingControl>();

        await control.PauseAsync("paused by an operator");
        await monitor.RunAsync(new TimerInfo(), CancellationToken.None);
        await control.ResumeAsync();
        await monitor.RunAsync(new TimerInfo(), CancellationToken.None);

        var states = telemetry.Metrics.Where(m => m.Name == PipelineEvents.SendingState).ToList();
        Assert.Equal([1.0, 0.0], states.Select(s => s.Value));
        Assert.Equal("paused by an operator", states[0].Dimensions["reason"]);
        Assert.Contains(telemetry.Metrics, m => m.Name == PipelineEvents.PoisonDepth); // the queue depths as before
    }

    [Fact]
    public async Task MonitorQueuesWritesDownTheSendingPausedSettingForOperators()
    {
        using var services = azurite.Services(new Dictionary<string, string?> { ["Sending:Paused"] = "true" });
        var monitor = ActivatorUtilities.CreateInstance<MonitorQueues>(services);

        await monitor.RunAsync(new TimerInfo(), CancellationToken.None);

        var report = await services.GetRequiredService<IOperationsLog>().ReadAsync();
        Assert.True(report.SettingPaused);
        Assert.NotNull(report.SettingReportedAt);
    }

    [Fact]
    public async Task AFailedBatchCarriesTheStatusCodeSendGridAnswered()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        await h.SubscribersAsync(1);
        h.Endpoint.Script.Enqueue(new ScriptedResponse(429, new Dictionary<string, string> { ["Retry-After"] = "5" }));

        await h.RunAsync(Assert.Single(await h.FanOutAsync(story)));

        Assert.Contains(h.Logs.Lines, l => l.Contains($"Event {PipelineEvents.BatchFailed} {story.Story.Id}") && l.Contains("statusCode=429"));
    }

    [Fact]
    public async Task ABatchThatGotNoAnswerSaysSo()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["SendGrid:Timeout"] = "00:00:01" });
        var story = await h.StoryAsync();
        await h.SubscribersAsync(1);
        h.Endpoint.Script.Enqueue(new ScriptedResponse(202, Delay: TimeSpan.FromSeconds(5)));
        var batch = Assert.Single(await h.FanOutAsync(story));

        await h.RunAsync(batch); // put back with a back-off delay

        Assert.Contains(h.Logs.Lines, l => l.Contains($"Event {PipelineEvents.BatchFailed} {story.Story.Id}") && l.Contains("statusCode=none"));
    }
}
