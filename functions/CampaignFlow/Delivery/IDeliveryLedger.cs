namespace CampaignFlow.Delivery;

/// <summary>
/// The exactly-once ledger of deliveries, keyed by story (or digest day) and recipient. The protocol, per batch:
/// <list type="number">
/// <item>Write an attempt row (<c>prepared</c>) and claim every recipient with a row naming the attempt, in table
/// batch transactions of 100 (inserts: two attempts can never both claim one recipient).</item>
/// <item>Move the attempt row to <c>sending</c> with its ETag (a fence: if another worker declared the attempt dead
/// and took its claims, this fails and nothing is sent).</item>
/// <item>Send the one provider request.</item>
/// <item>On 202 mark the attempt <c>sent</c> — one row write, so the crash window is one HTTP call plus one write.
/// On a refusal mark it <c>failed</c>: its claims may be taken over by the retry.</item>
/// </list>
/// A recipient whose claim belongs to an attempt still <c>sending</c> after <see cref="Lease"/> is
/// <see cref="DeliveryClaim.Uncertain"/>: the worker died mid-request, so the mail may have gone and is never sent again
/// (at most once; reported as <c>email.batch.uncertain</c> with the attempt id, which SendGrid carries as a custom arg).
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>Longer than any function execution (host.json functionTimeout), so a fresh claim is never stale.</summary>
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(6);

    /// <summary>Steps 1: a new attempt claiming what it can of <paramref name="recipientIds"/>.</summary>
    Task<DeliveryAttempt> BeginAsync(string storyId, int batch, IReadOnlyList<string> recipientIds, CancellationToken cancellationToken = default);

    /// <summary>Step 2: false when the attempt was fenced off (its claims were taken over): do not send.</summary>
    Task<bool> MarkSendingAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    Task MarkSentAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(DeliveryAttempt attempt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Removes an attempt that claimed nothing.</summary>
    Task AbandonAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    IAsyncEnumerable<DeliveryRecord> ListForRecipientAsync(string recipientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// An attempt still <c>sending</c> after the lease (its worker died mid-request), with the recipients it claimed;
    /// null when the attempt is unknown, sent, failed or still within its lease.
    /// </summary>
    Task<UncertainAttempt?> FindUncertainAsync(string storyId, string attemptId, CancellationToken cancellationToken = default);

    /// <summary>An operator's release of an uncertain attempt (it becomes failed, its claims free); false if it changed meanwhile.</summary>
    Task<bool> ReleaseAsync(UncertainAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Erases every row on one recipient; returns how many.</summary>
    Task<int> ForgetRecipientAsync(string recipientId, CancellationToken cancellationToken = default);
}
