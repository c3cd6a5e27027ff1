using System.Text.Json;
using Azure.Storage.Queues;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Integration.Cli;

/// <summary>
/// The local host's digest timer: the real DigestPlanner against Azurite and the local DeliverDigest listener's handler
/// on what it queued, mail to the outbox, a fake clock.
/// </summary>
public sealed class DigestSchedulerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _outbox = new();
    private readonly LogCapture _logs = new();

    private string[] Digests() => Directory.Exists(_outbox.Path) ? Directory.GetFiles(_outbox.Path, "*.eml") : [];

    private ServiceProvider Services(FakeTimeProvider clock, string? schedule) =>
        azurite.Services(
            new Dictionary<string, string?> { ["Email:OutboxDirectory"] = _outbox.Path, [DigestJob.Setting] = schedule },
            s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                s.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
            });

    /// <summary>The local host's digest timer: the one cron service running the digest job.</summary>
    private static CronService<DigestJob> Scheduler(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<CronService<DigestJob>>(services, ActivatorUtilities.CreateInstance<DigestJob>(services));

    /// <summary>An alerted story first seen now and one digest subscriber for its topic.</summary>
    private static async Task<Subscriber> SeedAsync(IServiceProvider services, TimeProvider clock)
    {
        var topic = "topic-" + Guid.NewGuid().ToString("n")[..8];
        var story = new Story { Id = Guid.NewGuid().ToString("n"), Feed = "mfa-en", Title = "Norway ratifies the Convention on Cluster Munitions", Summary = "Oslo.", Link = "https://www.regjeringen.no/en/id2/" };
        var ledger = services.GetRequiredService<IStoryLedger>();
        await ledger.TryAddAsync(story);
        await ledger.SaveVerdictAsync(story.Id, new StoryVerdict
        {
            Relevant = true,
            Score = 5,
            Decision = ClassificationDecision.Send,
            Topics = [topic],
            Regions = ["europe"],
            Evidence = [new TermMatch("cluster munitions", 10, 1)],
            RuleSetVersion = "1.0",
        });
        var reader = Subscriber.Create($"digest-{topic}@example.org") with
        {
            Status = SubscriberStatus.Active,
            Cadence = Cadence.DailyDigest,
            Topics = [topic],
            ConsentAt = clock.GetUtcNow(),
            ConsentSource = "test",
        };
        await services.GetRequiredService<ISubscriberStore>().UpsertAsync(reader);
        return reader;
    }

    private async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), "timed out; log:\n" + string.Join('\n', _logs.Lines));
    }

    [Fact]
    public async Task SendsTheDigestToTheOutboxAtTheScheduledTimeAndNotBefore()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 14, 30, TimeSpan.Zero));
        await using var services = Services(clock, "0 15 9 * * *");
        var reader = await SeedAsync(services, clock);
        var scheduler = Scheduler(services);

        await scheduler.StartAsync(CancellationToken.None);
        await UntilAsync(() => _logs.Lines.Any(l => l.Contains("Next digest at 2026-03-02 09:15:00Z", StringComparison.Ordinal)));
        clock.Advance(TimeSpan.FromSeconds(29)); // 09:14:59
        await Task.Delay(200);

        Assert.Empty(Digests());

        // One second at a time, as a real clock goes, so the timer is due however the test and the scheduler interleave.
        for (var i = 0; i < 60 && Digests().Length == 0; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        await UntilAsync(() => _logs.Lines.Any(l => l.Contains("Next digest at 2026-03-03 09:15:00Z", StringComparison.Ordinal)));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Empty(Digests()); // planned only: the queue listener sends
        Assert.Contains(_logs.Lines, l => l.Contains("Daily digest planned: 1 subscribers in 1 batches", StringComparison.Ordinal));
        var queued = await services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.Digests).ReceiveMessagesAsync(32);
        var message = Assert.Single(queued.Value);
        await ActivatorUtilities.CreateInstance<LocalQueueFunctions>(services, new LocalActivity()).DeliverDigestAsync(message.Body.ToString(), CancellationToken.None);

        var mail = Assert.Single(Digests());
        Assert.Contains($"To: {reader.Email}", File.ReadAllText(mail));
        Assert.Contains("Norway ratifies the Convention on Cluster Munitions", File.ReadAllText(Path.ChangeExtension(mail, ".html")));
        Assert.Contains(_logs.Lines, l => l.Contains("batch 1 of digest-20260302: sent to 1 recipient(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheSettingItFollowsTheSampleSettingsSchedule()
    {
        var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions/CampaignFlow.Functions/local.settings.sample.json")));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var services = Services(clock, schedule: null);
        var scheduler = Scheduler(services);

        await scheduler.StartAsync(CancellationToken.None);
        await UntilAsync(() => _logs.Lines.Any(l => l.Contains("Next digest at", StringComparison.Ordinal)));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(DigestJob.DefaultSchedule, sample.RootElement.GetProperty("Values").GetProperty("SendDigest__Schedule").GetString());
        Assert.Contains(_logs.Lines, l => l.Contains("Next digest at 2026-03-03 07:00:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadScheduleStopsTheStartNamingTheSetting()
    {
        await using var services = Services(new FakeTimeProvider(), "every morning");

        var error = Assert.Throws<InvalidOperationException>(() => Scheduler(services));

        Assert.Contains("SendDigest__Schedule", error.Message);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void OnlyTheContinuousRunSchedulesTheDigest(bool scheduled, bool expected)
    {
        using var state = new TempDirectory();
        using var host = LocalPipelineHost.Build(
            new LocalRunSettings(state.Path, Path.Combine(state.Path, "outbox"), [Path.Combine(RepositoryRoot.Find(), "samples/feeds/regjeringen-mfa-en.xml")], azurite.ConnectionString),
            scheduled);

        Assert.Equal(expected, host.Services.GetServices<IHostedService>().OfType<CronService<DigestJob>>().Any());
        Assert.Equal(expected, host.Services.GetServices<IHostedService>().OfType<CronService<PollJob>>().Any());
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _logs.Dispose();
    }
}
