namespace CampaignFlow.Pipeline;

/// <summary>
/// The message cannot be handled yet (rate limit, kill switch, recipients claimed elsewhere) and should become
/// visible again after <see cref="Delay"/>. A queue trigger cannot set the visibility of the message it failed, so
/// <see cref="StageRunner"/> enqueues a copy with that visibility timeout and completes the original.
/// </summary>
public sealed class DeferredMessageException(string reason, TimeSpan delay) : Exception(reason)
{
    public TimeSpan Delay { get; } = delay;
}
