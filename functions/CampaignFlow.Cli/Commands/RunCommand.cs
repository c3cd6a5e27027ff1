using System.CommandLine;
using CampaignFlow.Cli.Local;
using CampaignFlow.Feeds;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Web.Staff;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow run [--once]</c>: the whole pipeline on this machine against Azurite.</summary>
public static class RunCommand
{
    public const string SampleFeed = "samples/feeds/regjeringen-mfa-en.xml";

    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one cycle, drain every queue, print a summary and stop" };
        var outbox = new Option<string?>("--outbox") { Description = "Folder for the emails (.eml and .html); default <state>/outbox" };
        var state = new Option<string?>("--state") { Description = "Folder for local state (Azurite data, outbox); default .state in the repository" };
        var feeds = new Option<string[]>("--feed") { Description = "Feed file or URL; repeatable; replaces the configured feeds", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run the pipeline locally (Azurite, WebJobs queue listeners, outbox)") { once, outbox, state, feeds };
        command.SetAction((parse, cancellationToken) =>
        {
            var root = RepositoryRoot.Find();
            var stateDir = StorageSession.StateDirectory(parse.GetValue(state));
            var sources = parse.GetValue(feeds) is { Length: > 0 } given ? given.Select(CliPaths.Source).ToList() : [Path.Combine(root, SampleFeed)];
            var outboxDir = Path.GetFullPath(parse.GetValue(outbox) ?? Path.Combine(stateDir, "outbox"));
            return RunAsync(stateDir, outboxDir, sources, parse.GetValue(once), Console.Out, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string stateDir, string outboxDir, IReadOnlyList<string> feeds, bool once, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"CampaignFlow local run — state {stateDir}");
        using var lease = RunningHost.TryClaim(stateDir, out var holder);
        if (lease is null)
        {
            await Console.Error.WriteLineAsync($"error: another run (process {holder!.Pid}) uses the state {stateDir}; stop it first, or give this run another --state");
            return 3;
        }
        output.WriteLine("Starting Azurite …");
        await using var azurite = await Azurite.StartAsync(Path.Combine(stateDir, "azurite"), cancellationToken);
        lease.Publish(azurite.ConnectionString);
        using var host = LocalPipelineHost.Build(new LocalRunSettings(stateDir, outboxDir, feeds, azurite.ConnectionString), scheduled: !once);
        var services = host.Services;
        if (!SettingsAreValid(services))
        {
            return 2;
        }
        await services.GetRequiredService<StorageProvisioner>().EnsureAsync(cancellationToken);
        var seeded = await DemoSubscribers.SeedIfEmptyAsync(services.GetRequiredService<ISubscriberStore>(), TimeProvider.System, cancellationToken);
        if (seeded > 0)
        {
            output.WriteLine($"Subscribed {seeded} demo addresses at example.org (the list was empty)");
        }
        await host.StartAsync(cancellationToken);
        // Ctrl+C or SIGTERM reaches the host's console lifetime first: stop the cycle when the host stops, too.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        cancellationToken = stop.Token;
        try
        {
            if (!once)
            {
                var signIn = await services.GetRequiredService<StaffSignIn>().IssueLinkAsync(LocalHttpEndpoints.ConsoleUrl, Environment.UserName is { Length: > 0 } user ? user : "staff", cancellationToken);
                output.WriteLine($"Staff console: {signIn}");
                output.WriteLine("Running: polling and the daily digest on schedule, queue listeners on. Ctrl+C stops.");
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                return 0;
            }
            output.WriteLine($"Polling {feeds.Count} feed(s) …");
            var polls = await services.GetRequiredService<IFeedPoller>().PollAllAsync(cancellationToken);
            foreach (var poll in polls)
            {
                output.WriteLine(!poll.Ok ? $"  {poll.Feed}: FAILED — {poll.Error}"
                    : poll.Deferred ? $"  {poll.Feed}: not due (poll interval or the server's Retry-After)"
                    : poll.NotModified || poll.Unchanged ? $"  {poll.Feed}: unchanged"
                    : $"  {poll.Feed}: {poll.Items} items, {poll.NewStories} new, {poll.Updated} updated, {poll.Seen} seen without alert, {poll.LanguageVersions} language versions, {poll.Filtered} filtered out");
            }
            output.WriteLine("Classifying and sending …");
            var drainer = services.GetRequiredService<QueueDrainer>();
            await drainer.WaitUntilIdleAsync(TimeSpan.FromMinutes(5), cancellationToken);
            WriteSummary(output, polls, services.GetRequiredService<RunTally>(), await drainer.PoisonDepthAsync(cancellationToken), outboxDir);
            return 0;
        }
        finally
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await host.StopAsync(grace.Token);
        }
    }

    /// <summary>
    /// The checks the host runs at start (ValidateOnStart), run before anything is provisioned, seeded or polled: a
    /// setting such as a weak <c>CAMPAIGNFLOW_Tokens__SigningKey</c> stops the run with its message and nothing is sent.
    /// </summary>
    private static bool SettingsAreValid(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Console.Error.WriteLine($"error: {failure}");
            }
            return false;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            foreach (var failure in ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures))
            {
                Console.Error.WriteLine($"error: {failure}");
            }
            return false;
        }
    }

    private static void WriteSummary(TextWriter output, IReadOnlyList<FeedPollResult> polls, RunTally tally, int poison, string outboxDir)
    {
        output.WriteLine();
        TextTable.Write(output, ["cycle", "result"],
        [
            ["feeds polled", $"{polls.Count} ({polls.Count(p => !p.Ok)} failed, {polls.Count(p => p.NotModified)} unchanged)"],
            ["new stories", polls.Sum(p => p.NewStories).ToString()],
            ["classified", tally.Count(PipelineEvents.StoryClassified).ToString()],
            ["relevant", tally.Count($"{PipelineEvents.StoryClassified}.Send").ToString()],
            ["held for review", tally.Count($"{PipelineEvents.StoryClassified}.Hold").ToString()],
            ["alerts", tally.Count(PipelineEvents.AlertFannedOut).ToString()],
            ["emails written", tally.Count(PipelineEvents.BatchSent).ToString()],
            ["emails failed", tally.Count(PipelineEvents.BatchFailed).ToString()],
            ["poison messages", poison.ToString()],
            ["outbox", outboxDir],
        ]);
    }
}
