using System.CommandLine;
using System.Net;
using Azure.Storage.Queues;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Cli.Local;
using CampaignFlow.Functions;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>
/// Spam reports end to end, as production takes them: SendGrid's signed Event Webhook through the worker's pipeline
/// (<see cref="FunctionsWorkerSite"/>) → the spam-report count kept in storage → the automatic pause, which holds back
/// the next batch the DeliverBatch function meets, shows in <c>campaignflow status</c> and <c>sending status</c>, and
/// which <c>sending resume</c> lifts. Nothing here calls the gate: the storage is a local state's Azurite, so the
/// operator's commands read what the worker wrote.
/// </summary>
public sealed class SpamReportPauseTests : IDisposable
{
    private const string Threshold = "3";
    private readonly TempDirectory _temp = new();

    private string State => Path.Combine(_temp.Path, "state");

    [Fact]
    public async Task SignedSpamReportsAddUpToTheAutomaticPauseWhichHoldsTheNextBatchShowsInStatusAndResumeLifts()
    {
        // As './campaignflow run' holds a state: its Azurite on the state's data, published for the runbook commands.
        using var run = RunningHost.TryClaim(State, out _) ?? throw new InvalidOperationException("state already held");
        await using var azurite = await Azurite.StartAsync(Path.Combine(State, "azurite"));
        run.Publish(azurite.ConnectionString);
        var settings = LocalPipelineHost.Settings(new LocalRunSettings(State, Path.Combine(State, "outbox"), ["unused.xml"], azurite.ConnectionString));
        settings["Sending:SpamReportsToPause"] = Threshold;
        await using (await StorageSession.OpenAsync(account: null, State))
        {
            // the session provisions the queues and tables, as a command on a running host's state does
        }
        await using var site = await SubscriberSite.StartAsync(settings, null);
        var reader = Subscriber.Create($"reader-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Active };
        await site.Store.UpsertAsync(reader);
        var (early, late) = (await StoryAsync(site), await StoryAsync(site));
        // Spam reports are counted per clock hour: start at the top of one, so the minute between the posts cannot cross into the next.
        site.Clock.SetUtcNow(SubscriberSite.TopOfNextHour(site.Clock.GetUtcNow()));

        var two = await site.Http.SendAsync(site.Webhook(SpamReports(2), site.Clock.GetUtcNow().ToUnixTimeSeconds()));
        await DeliverAsync(site, early, reader); // 2 of 3: still sending
        site.Clock.Advance(TimeSpan.FromMinutes(1));
        var one = await site.Http.SendAsync(site.Webhook(SpamReports(1), site.Clock.GetUtcNow().ToUnixTimeSeconds()));
        await DeliverAsync(site, late, reader); // 3 of 3: paused
        var status = await RunAsync(StatusCommand.Create());
        var resume = await RunAsync(SendingCommand.Create(), "resume");
        var sending = await RunAsync(SendingCommand.Create(), "status");
        var mailsBeforeResume = MailsOf(site, late);
        await DeliverAsync(site, late, reader); // the deferred copy, come round again

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (two.StatusCode, one.StatusCode));
        Assert.Single(MailsOf(site, early));
        Assert.Empty(mailsBeforeResume);
        Assert.Contains(site.Logs.Lines, l => l.Contains("Sending paused automatically: 3 spam reports within the hour (threshold 3)", StringComparison.Ordinal));
        Assert.Contains(site.Logs.Lines, l => l.Contains("deferred", StringComparison.Ordinal) && l.Contains("sending is paused (3 spam reports within the hour", StringComparison.Ordinal));
        Assert.Equal(0, status.Exit);
        Assert.Contains("sending          PAUSED", status.Output);
        Assert.Contains("switch         paused: 3 spam reports within the hour (threshold 3)", status.Output);
        Assert.Matches(@"\bdeliveries\s+1\s+0\b", status.Output); // the batch waits on its queue, nothing lost
        Assert.Contains("the running host's Azurite", status.Error);
        Assert.Equal(0, resume.Exit);
        Assert.StartsWith("sending" + Environment.NewLine, sending.Output);
        Assert.Single(MailsOf(site, late));
    }

    /// <summary>SendGrid's batch of <paramref name="count"/> spam reports from addresses of no subscriber, each with its own event id.</summary>
    private static string SpamReports(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(_ =>
            $$"""{"email":"complainer-{{Guid.NewGuid():n}}@example.net","event":"spamreport","timestamp":1,"sg_event_id":"evt-{{Guid.NewGuid():n}}"}""")) + "]";

    private static async Task<string> StoryAsync(SubscriberSite site)
    {
        var id = Guid.NewGuid().ToString("n");
        var ledger = site.Services.GetRequiredService<IStoryLedger>();
        await ledger.TryAddAsync(new Story { Id = id, Feed = "mfa-en", Language = "en", Title = $"Story {id[..6]} on cluster munitions", Summary = "Oslo.", Link = "https://www.regjeringen.no/en/aktuelt/x/id" + id[..6] });
        await ledger.SaveVerdictAsync(id, new StoryVerdict { Relevant = true, Score = 5, Decision = ClassificationDecision.Send, RuleSetVersion = "test-1", Evidence = [new TermMatch("cluster munitions", 10, 1)] });
        return id;
    }

    /// <summary>One batch of <paramref name="storyId"/> to <paramref name="reader"/>, run by the DeliverBatch function from the worker's container.</summary>
    private static async Task DeliverAsync(SubscriberSite site, string storyId, Subscriber reader)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var function = ActivatorUtilities.CreateInstance<DeliverBatch>(scope.ServiceProvider);
        await function.RunAsync(MessageSerializer.Serialize(new DeliveryBatchMessage(storyId, "test-1", "en", 1, [reader.Id])), CancellationToken.None);
    }

    private static string[] MailsOf(SubscriberSite site, string storyId) =>
        Directory.Exists(site.Outbox) ? Directory.GetFiles(site.Outbox, storyId + "-*.eml") : [];

    private async Task<(int Exit, string Output, string Error)> RunAsync(Command command, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.Parse([.. args, "--state", State]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
