using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;

namespace CampaignFlow.Tests.Unit.Pipeline;

/// <summary>
/// The runner every queue function (Functions app and local host) goes through: the story id on every log line and
/// exception of a stage, and exponential back-off of transient failures up to a ceiling before the poison queue.
/// </summary>
public sealed class StageRunnerTests : IDisposable
{
    private const string Body = """{"storyId":"s1","ruleSetVersion":"1.0","language":"en","batch":2,"recipients":["a1"],"v":1}""";

    private readonly LogCapture _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly Mock<IMessageQueue> _queue = new();

    public StageRunnerTests() => _factory = LoggerFactory.Create(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    private StageRunner Runner(RetryOptions? options = null) =>
        new(_queue.Object, TimeProvider.System, _factory.CreateLogger<StageRunner>(), Options.Create(options ?? new RetryOptions()));

    [Fact]
    public async Task EveryLogLineOfTheStageCarriesTheStoryId()
    {
        var stageLogger = _factory.CreateLogger("CampaignFlow.Pipeline.SomeStage");

        await Runner().RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, Body, (_, _) =>
        {
            stageLogger.LogInformation("working");
            return Task.CompletedTask;
        });

        var entry = Assert.Single(_logs.Entries, e => e.Message == "working");
        Assert.Equal("s1", entry.Scope["StoryId"]);
        Assert.Equal(QueueNames.Deliveries, entry.Scope["Queue"]);
    }

    [Fact]
    public async Task ADigestBatchIsFollowedByItsDigestKey()
    {
        const string digest = """{"digest":"digest-20260101","language":"en","batch":0,"stories":["s1"],"recipients":["a1"],"v":1}""";

        await Runner().RunAsync<DigestBatchMessage>(QueueNames.Digests, digest, (_, _) => throw new TimeoutException("slow"));

        Assert.Equal("digest-20260101", Assert.Single(_logs.Entries, e => e.Exception is not null).Scope["StoryId"]);
    }

    [Fact]
    public async Task ATransientFailureIsLoggedWithItsExceptionAndStoryIdAndPutBackAfterTheFirstDelay()
    {
        await Runner().RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, Body, (_, _) => throw new TimeoutException("SendGrid did not answer"));

        var logged = Assert.Single(_logs.Entries, e => e.Exception is TimeoutException);
        Assert.Equal("s1", logged.Scope["StoryId"]);
        _queue.Verify(q => q.DeferAsync(QueueNames.Deliveries, It.Is<string>(b => b.Contains("\"retry\":1") && b.Contains("\"storyId\":\"s1\"")), TimeSpan.FromSeconds(30), It.IsAny<CancellationToken>()), Times.Once);
        _queue.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(3, 240)]
    [InlineData(8, 7_680)]
    [InlineData(9, 14_400)]
    public async Task EachRetryWaitsTwiceAsLongUpToTheCeiling(int retriesSoFar, int expectedSeconds)
    {
        var body = Body.Replace("\"v\":1", $"\"v\":1,\"retry\":{retriesSoFar}", StringComparison.Ordinal);

        await Runner().RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, body, (_, _) => throw new HttpRequestException("503"));

        _queue.Verify(q => q.DeferAsync(QueueNames.Deliveries, It.Is<string>(b => b.Contains($"\"retry\":{retriesSoFar + 1}")), TimeSpan.FromSeconds(expectedSeconds), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AFailureAfterAWaitAtTheCeilingIsPoisonedWithItsReason()
    {
        var body = Body.Replace("\"v\":1", "\"v\":1,\"retry\":10", StringComparison.Ordinal);

        await Runner().RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, body, (_, _) => throw new HttpRequestException("SendGrid answered 503"));

        _queue.Verify(q => q.SendAsync("deliveries-poison", It.Is<DeadLetter>(d => d.Reason.Contains("503") && d.Reason.Contains("11 times") && d.Message == body), It.IsAny<CancellationToken>()), Times.Once);
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task WhenTheMessageCannotBePutBackTheQueuesOwnRetryApplies()
    {
        _queue.Setup(q => q.DeferAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage down"));

        await Assert.ThrowsAsync<TimeoutException>(() => Runner().RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, Body, (_, _) => throw new TimeoutException("slow")));
    }

    [Fact]
    public void TheDefaultsRideOutAnOutageOfEightHoursBeforePoisoning()
    {
        var options = new RetryOptions();
        var waits = Enumerable.Range(0, 100).Select(options.DelayBefore).TakeWhile(d => d is not null).Select(d => d!.Value).ToList();

        Assert.Equal(10, waits.Count);
        Assert.Equal(TimeSpan.FromHours(4), waits[^1]);
        Assert.InRange(waits.Aggregate(TimeSpan.Zero, (a, b) => a + b), TimeSpan.FromHours(8), TimeSpan.FromHours(8.5));
    }

    public void Dispose() => _factory.Dispose();
}
