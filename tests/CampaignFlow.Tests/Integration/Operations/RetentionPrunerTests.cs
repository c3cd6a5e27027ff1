using Azure.Data.Tables;
using CampaignFlow.Azure.Operations;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Integration.Operations;

/// <summary>The daily PruneData timer's work against Azurite, with the clock moved on instead of waiting months.</summary>
public sealed class RetentionPrunerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task KeepsWhatIsRecentAndPrunesEachKindOnceItIsPastItsRetention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogCapture();
        using var services = azurite.Services(
            new Dictionary<string, string?> { ["Retention:DeliveryLedger"] = "30.00:00:00", ["Retention:StoryTexts"] = "60.00:00:00" },
            s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                s.AddLogging(l => l.AddProvider(logs));
            });
        var storyId = "retention-" + Guid.NewGuid().ToString("n");
        var ledger = services.GetRequiredService<IDeliveryLedger>();
        var attempt = await ledger.BeginAsync(storyId, 0, ["aa" + Guid.NewGuid().ToString("n"), "bb" + Guid.NewGuid().ToString("n")]);
        await ledger.MarkSendingAsync(attempt);
        await ledger.MarkSentAsync(attempt);
        await services.GetRequiredService<IStoryTextStore>().SaveAsync(storyId, "The full text of the story.");
        await services.GetRequiredService<IRateLimiter>().TryAcquireAsync("signup-ip", 10, TimeSpan.FromHours(1));
        await services.GetRequiredService<IProviderEventLedger>().FirstSeenAsync("sg-event-" + Guid.NewGuid().ToString("n"), TimeSpan.FromDays(3));
        await services.GetRequiredService<ISendingControl>().PauseAsync("kept: the kill switch is no ledger row");
        var pruner = services.GetRequiredService<RetentionPruner>();

        var now = await pruner.PruneAsync();
        clock.Advance(TimeSpan.FromDays(31));
        var month = await pruner.PruneAsync();
        clock.Advance(TimeSpan.FromDays(30));
        var twoMonths = await pruner.PruneAsync();

        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Message} {e.Exception}").ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.All(now.Values, count => Assert.Equal(0, count));
        Assert.Equal(3, month["delivery ledger"]); // the attempt row and its two claims
        Assert.Equal(0, month["story texts"]);
        Assert.True(month["rate-limit rows"] >= 1);
        Assert.True(month["webhook event ids"] >= 1);
        Assert.Equal(1, twoMonths["story texts"]);
        Assert.Null(await services.GetRequiredService<IStoryTextStore>().GetAsync(storyId));
        Assert.Empty(services.GetRequiredService<TableServiceClient>().GetTableClient(TableNames.Deliveries)
            .Query<TableEntity>(e => e.PartitionKey.CompareTo(storyId) >= 0 && e.PartitionKey.CompareTo(storyId + "~") < 0));
        Assert.NotNull(await services.GetRequiredService<ISendingControl>().PausedReasonAsync());
    }
}
