using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>
/// An operator's resend of an uncertain attempt (a worker died after marking it sending, before SendGrid answered),
/// against Azurite and the loopback SendGrid: nothing is resent by itself; the resend reaches each recipient once.
/// </summary>
public sealed class UncertainResendTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AResendOfAnAttemptThatDiedBeforeSendGridGotItReachesEachRecipientOnce()
    {
        var die = true;
        var dying = default(DyingSender);
        await using var h = await DeliveryHarness.StartAsync(azurite, wrapSender: (_, real) => dying = new DyingSender(real, () => die));
        var story = await h.StoryAsync();
        var readers = await h.SubscribersAsync(3, "uncertain");
        var batch = Assert.Single(await h.FanOutAsync(story));
        await Assert.ThrowsAsync<WorkerDied>(() => h.Deliver.HandleAsync(batch)); // a dead worker runs no catch
        die = false;
        var resend = h.Services.GetRequiredService<UncertainDeliveryResend>();

        h.Clock.Advance(IDeliveryLedger.Lease + TimeSpan.FromMinutes(1));
        await h.RunAsync(batch); // the queue's retry: uncertain, so never sent again by itself
        var attemptId = dying!.LastAttempt!;
        Assert.Contains(h.Logs.Lines, l => l.Contains($"delivery attempt {attemptId}, which died", StringComparison.Ordinal));
        var found = await resend.FindAsync(story.Story.Id, attemptId);
        Assert.NotNull(found);
        Assert.Equal(readers.Select(r => r.Id).Order(), found.Recipients.Order());
        Assert.Equal(0, h.Endpoint.Requests);

        var before = h.Queue.Sent.Count;
        Assert.Equal(3, await resend.ResendAsync(found));
        foreach (var again in h.Queue.Sent.Skip(before).Select(m => m.Message).OfType<DeliveryBatchMessage>())
        {
            await h.RunAsync(again);
        }

        Assert.All(readers, r => Assert.Equal(1, h.Endpoint.TimesSent(r.Email)));
        Assert.Null(await resend.FindAsync(story.Story.Id, attemptId));
        await Assert.ThrowsAsync<InvalidOperationException>(() => resend.ResendAsync(found)); // released once only
    }

    [Fact]
    public async Task AnAttemptStillWithinItsLeaseIsNotOfferedForResend()
    {
        var dying = default(DyingSender);
        await using var h = await DeliveryHarness.StartAsync(azurite, wrapSender: (_, real) => dying = new DyingSender(real, () => true));
        var story = await h.StoryAsync();
        await h.SubscribersAsync(2, "fresh");
        var batch = Assert.Single(await h.FanOutAsync(story));
        await Assert.ThrowsAsync<WorkerDied>(() => h.Deliver.HandleAsync(batch));
        h.Clock.Advance(IDeliveryLedger.Lease - TimeSpan.FromMinutes(1));

        Assert.Null(await h.Services.GetRequiredService<UncertainDeliveryResend>().FindAsync(story.Story.Id, dying!.LastAttempt!));
    }

    private sealed class WorkerDied() : Exception("the worker died with the request in flight");

    /// <summary>"Dies" after the ledger marked the attempt sending, before the request reaches SendGrid.</summary>
    private sealed class DyingSender(IEmailSender inner, Func<bool> die) : IEmailSender
    {
        public string? LastAttempt { get; private set; }

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

        public Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default)
        {
            LastAttempt = batch.CustomArgs["delivery_attempt"];
            return die() ? throw new WorkerDied() : inner.SendBatchAsync(batch, cancellationToken);
        }
    }
}
