using CampaignFlow.Azure.Storage;
using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>
/// docs/delivery.md, "What a crash does", first row: a worker that stops after claiming its recipients but before the
/// fence (its attempt stays <c>prepared</c>). Within the lease the retry waits; after it, the attempt is fenced and its
/// recipients are claimed and sent by the retry — no loss, no duplicate, and a stalled (not dead) worker that wakes up
/// later is fenced off and sends nothing. The real table ledger on Azurite, the real SendGrid client against the
/// loopback endpoint; the worker's death or stall is the one thing staged, at the ledger's fence call.
/// </summary>
public sealed class DeliveryCrashBeforeFenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Task<DeliveryHarness> StartAsync(AzuriteFixture azurite, FenceStop stop) =>
        DeliveryHarness.StartAsync(azurite, configure: s =>
            s.Replace(ServiceDescriptor.Singleton<IDeliveryLedger>(sp => new StoppingLedger(sp.GetRequiredService<TableDeliveryLedger>(), stop))));

    [Fact]
    public async Task APreparedAttemptWhoseWorkerDiedHoldsItsRecipientsForTheLeaseThenIsFencedAndTheRetrySendsEachOnce()
    {
        var stop = new FenceStop { Crash = true };
        await using var h = await StartAsync(azurite, stop);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(3);
        var batch = Assert.Single(await h.FanOutAsync(story));

        // A dead worker runs no catch: the stage itself stops, between claiming and the fence.
        await Assert.ThrowsAsync<WorkerDied>(() => h.Deliver.HandleAsync(batch));
        stop.Crash = false;
        await h.RunAsync(batch); // the queue's retry while the dead attempt's lease runs
        var requestsWithinLease = h.Endpoint.Requests;
        h.Clock.Advance(IDeliveryLedger.Lease + TimeSpan.FromSeconds(1));
        await h.RunAsync(batch); // the retry after the lease

        Assert.Equal(0, requestsWithinLease);
        Assert.Equal(BatchDelivery.BusyRetryDelay, Assert.Single(h.Queue.Deferred).Delay);
        Assert.Equal(1, h.Endpoint.Requests);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        // Prepared is not uncertain: nothing was sent by the dead attempt, so nobody is written off.
        Assert.DoesNotContain(h.Logs.Lines, l => l.Contains("died mid-request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorkerStalledBeforeItsFencePastTheLeaseIsFencedOffWhenItWakesAndSendsNothing()
    {
        var stop = new FenceStop { Hold = true };
        await using var h = await StartAsync(azurite, stop);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(3);
        var batch = Assert.Single(await h.FanOutAsync(story));

        var stalled = h.RunAsync(batch);
        await stop.Reached.WaitAsync(TimeSpan.FromMinutes(1)); // claimed, prepared, about to fence
        h.Clock.Advance(IDeliveryLedger.Lease + TimeSpan.FromSeconds(1));
        await h.RunAsync(batch); // another worker: finds the attempt stale, fences it, takes over and sends
        var requestsBeforeWaking = h.Endpoint.Requests;
        stop.Release();
        await stalled.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, requestsBeforeWaking);
        Assert.Equal(1, h.Endpoint.Requests);
        Assert.Equal(0, h.Endpoint.Duplicates);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.False(stop.FirstFenceSucceeded);
    }

    /// <summary>What happens to the first worker at its fence call: it dies there, or it stalls until released.</summary>
    private sealed class FenceStop
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public bool Crash { get; set; }
        public bool Hold { get; init; }
        public bool? FirstFenceSucceeded { get; private set; }
        public Task Reached => _reached.Task;

        public void Release() => _release.TrySetResult();

        public async Task<bool> FenceAsync(Func<Task<bool>> fence)
        {
            var first = Interlocked.Increment(ref _calls) == 1;
            if (Crash)
            {
                throw new WorkerDied();
            }
            if (first && Hold)
            {
                _reached.TrySetResult();
                await _release.Task;
            }
            var fenced = await fence();
            FirstFenceSucceeded ??= first ? fenced : null;
            return fenced;
        }
    }

    private sealed class WorkerDied() : Exception("the worker died before its fence");

    /// <summary>The table ledger, with the worker's death or stall staged at step 2 (the fence).</summary>
    private sealed class StoppingLedger(TableDeliveryLedger inner, FenceStop stop) : IDeliveryLedger
    {
        public Task<DeliveryAttempt> BeginAsync(string storyId, int batch, IReadOnlyList<string> recipientIds, CancellationToken cancellationToken = default) =>
            inner.BeginAsync(storyId, batch, recipientIds, cancellationToken);

        public Task<bool> MarkSendingAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
            stop.FenceAsync(() => inner.MarkSendingAsync(attempt, cancellationToken));

        public Task MarkSentAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default) => inner.MarkSentAsync(attempt, cancellationToken);
        public Task MarkFailedAsync(DeliveryAttempt attempt, string reason, CancellationToken cancellationToken = default) => inner.MarkFailedAsync(attempt, reason, cancellationToken);
        public Task AbandonAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default) => inner.AbandonAsync(attempt, cancellationToken);
        public IAsyncEnumerable<DeliveryRecord> ListForRecipientAsync(string recipientId, CancellationToken cancellationToken = default) => inner.ListForRecipientAsync(recipientId, cancellationToken);
        public Task<UncertainAttempt?> FindUncertainAsync(string storyId, string attemptId, CancellationToken cancellationToken = default) => inner.FindUncertainAsync(storyId, attemptId, cancellationToken);
        public Task<bool> ReleaseAsync(UncertainAttempt attempt, CancellationToken cancellationToken = default) => inner.ReleaseAsync(attempt, cancellationToken);
        public Task<int> ForgetRecipientAsync(string recipientId, CancellationToken cancellationToken = default) => inner.ForgetRecipientAsync(recipientId, cancellationToken);
    }
}
