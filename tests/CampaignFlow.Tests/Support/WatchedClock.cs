using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// A fake clock that also tells when code starts waiting on it: each timer it hands out (a <c>Task.Delay</c> on this
/// clock is one) is noted with the instant it is due. A test then moves time only once the code under test is parked
/// on a timer, so nothing depends on how threads interleave and no real delay is needed.
/// </summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>How long a test waits, in real time, for code to reach a timer before it fails (a guard, not a delay).</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<DateTimeOffset> _armed = [];
    private readonly List<(int Count, TaskCompletionSource<DateTimeOffset> Reached)> _waiting = [];

    /// <summary>The due instants of the timers handed out so far, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Armed
    {
        get
        {
            lock (_gate)
            {
                return _armed.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var due = GetUtcNow() + dueTime;
        var timer = base.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource<DateTimeOffset>> reached;
        lock (_gate)
        {
            _armed.Add(due);
            reached = _waiting.Where(w => w.Count == _armed.Count).Select(w => w.Reached).ToList();
            _waiting.RemoveAll(w => w.Count <= _armed.Count);
        }
        reached.ForEach(r => r.TrySetResult(due));
        return timer;
    }

    /// <summary>Completes with its due instant when the <paramref name="count"/>th timer (1-based) has been handed out.</summary>
    public Task<DateTimeOffset> TimerArmedAsync(int count)
    {
        lock (_gate)
        {
            if (_armed.Count >= count)
            {
                return Task.FromResult(_armed[count - 1]);
            }
            var reached = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((count, reached));
            return reached.Task;
        }
    }
}
