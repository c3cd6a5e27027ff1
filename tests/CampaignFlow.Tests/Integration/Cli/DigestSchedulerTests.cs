using System.Collections.Concurrent;
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

    /// <summary>
    /// The local host's digest timer: the cron service running the real digest job, which notes the clock each time it
    /// is started (the service is generic over its job, so this is the same code the host runs for DigestJob).
    /// </summary>
    private static (CronService<Witnessed> Scheduler, Witnessed Job) Scheduler(IServiceProvider services)
    {
        var job = new Witnessed(ActivatorUtilities.CreateInstance<DigestJob>(services), services.GetRequiredService<TimeProvider>());
        return (ActivatorUtilities.CreateInstance<CronService<Witnessed>>(services, job), job);
    }

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

    /// <summary>Waits (by a real-time guard only) until the scheduler is parked on its first timer; fails if the job ran first.</summary>
    private async Task ParkedAsync(WatchedClock clock, Witnessed job)
    {
        var armed = clock.TimerArmedAsync(1);
        var first = await Task.WhenAny(armed, job.Ran).WaitAsync(WatchedClock.Guard);
        Assert.True(first == armed, $"the digest ran at {string.Join(", ", job.Runs)} before the scheduler waited on a timer; log:\n" + string.Join('\n', _logs.Lines));
    }

    [Fact]
    public async Task DoesNotPlanTheDigestOneSecondBeforeItsTime()
    {
        var clock = new WatchedClock(new DateTimeOffset(2026, 3, 2, 9, 14, 30, TimeSpan.Zero));
        // Nothing seeded: the class's storage account is shared with the test below, which counts what the digest plans.
        await using var services = Services(clock, "0 15 9 * * *");
        var (scheduler, job) = Scheduler(services);

        await scheduler.StartAsync(CancellationToken.None);
        await ParkedAsync(clock, job);
        clock.Advance(TimeSpan.FromSeconds(29)); // 09:14:59: a timer due by then has fired inside Advance
        await scheduler.StopAsync(CancellationToken.None); // and whatever it started has finished (StopAsync awaits the loop)

        Assert.Empty(job.Runs);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("Daily digest planned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlansTheDigestAtTheScheduledTimeAndTheListenerSendsItToTheOutbox()
    {
        var clock = new WatchedClock(new DateTimeOffset(2026, 3, 2, 9, 14, 30, TimeSpan.Zero));
        await using var services = Services(clock, "0 15 9 * * *");
        var reader = await SeedAsync(services, clock);
        var (scheduler, job) = Scheduler(services);

        await scheduler.StartAsync(CancellationToken.None);
        await ParkedAsync(clock, job);
        clock.Advance(TimeSpan.FromSeconds(30)); // 09:15:00
        var next = await clock.TimerArmedAsync(2).WaitAsync(WatchedClock.Guard); // it ran, then waits for tomorrow
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero)], job.Runs);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 15, 0, TimeSpan.Zero), next);
        Assert.Contains(_logs.Lines, l => l.Contains("Next digest at 2026-03-03 09:15:00Z", StringComparison.Ordinal));
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
        var clock = new WatchedClock(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var services = Services(clock, schedule: null);
        var (scheduler, job) = Scheduler(services);

        await scheduler.StartAsync(CancellationToken.None);
        await ParkedAsync(clock, job);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 7, 0, 0, TimeSpan.Zero), Assert.Single(clock.Armed));

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
        Assert.Equal(expected, host.Services.GetServices<IHostedService>().OfType<CronService<ExportJob>>().Any());
    }

    /// <summary>The real job, noting the clock each time the scheduler starts it.</summary>
    private sealed class Witnessed(ICronJob inner, TimeProvider clock) : ICronJob
    {
        private readonly ConcurrentQueue<DateTimeOffset> _runs = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<DateTimeOffset> Runs => _runs.ToArray();

        public string Name => inner.Name;
        public string Setting => inner.Setting;
        public string DefaultSchedule => inner.DefaultSchedule;
        public bool RunsAtStart => inner.RunsAtStart;

        /// <summary>Completes once the job has been started.</summary>
        public Task Ran => _first.Task;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            _runs.Enqueue(clock.GetUtcNow());
            _first.TrySetResult();
            return inner.RunAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _logs.Dispose();
    }
}
