using CampaignFlow.Subscribers;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CampaignFlow.Azure.Storage;

namespace CampaignFlow.Tests.Integration.Storage;

/// <summary>The shared sign-up limiter against a real Azurite: several limiters (instances) on one table.</summary>
public sealed class TableRateLimiterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly IOptions<TokenOptions> Key = Options.Create(new TokenOptions { SigningKey = "test-signing-key-0123456789abcdef0123456789" });

    // Mid-window, so a test never straddles a window boundary by accident.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 14, 13, 20, 0, TimeSpan.Zero));

    private TableRateLimiter Limiter(ILogger<TableRateLimiter>? logger = null, TableServiceClient? tables = null) =>
        new(tables ?? azurite.Tables, Key, _clock, logger ?? NullLogger<TableRateLimiter>.Instance);

    private static string UniqueKey() => "ip:198.51.100." + Random.Shared.Next(1, 255) + "#" + Guid.NewGuid().ToString("n");

    private async Task<List<TableEntity>> RowsAsync(string partition) =>
        await azurite.Tables.GetTableClient(TableNames.RateLimits).QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();

    [Fact]
    public async Task TwoInstancesSharingTheTableEnforceOneCombinedLimit()
    {
        var (first, second) = (Limiter(), Limiter());
        var key = UniqueKey();

        var answers = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await (i % 2 == 0 ? first : second).TryAcquireAsync(key, 4, Hour));
        }

        Assert.Equal([true, true, true, true, false], answers);
        Assert.False(await Limiter().TryAcquireAsync(key, 4, Hour)); // a restarted instance still sees the count
    }

    [Fact]
    public async Task FiftyConcurrentHitsOnOneKeyAreCountedExactly()
    {
        var limiters = Enumerable.Range(0, 5).Select(_ => Limiter()).ToList();
        var key = UniqueKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => limiters[i % 5].TryAcquireAsync(key, 1000, Hour))));

        Assert.All(answers, Assert.True);
        var row = Assert.Single(await RowsAsync(TableRateLimiter.Partition(_clock.GetUtcNow(), Hour)), r => r.GetInt32(TableRateLimiter.CountColumn) == 50);
        Assert.NotNull(row);
    }

    [Fact]
    public async Task ConcurrentHitsOverTheLimitAdmitExactlyTheLimit()
    {
        var limiters = Enumerable.Range(0, 5).Select(_ => Limiter()).ToList();
        var key = UniqueKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => limiters[i % 5].TryAcquireAsync(key, 10, Hour))));

        Assert.Equal(10, answers.Count(a => a));
    }

    [Fact]
    public async Task ANewWindowStartsFresh()
    {
        var limiter = Limiter();
        var key = UniqueKey();
        Assert.True(await limiter.TryAcquireAsync(key, 2, Hour));
        Assert.True(await limiter.TryAcquireAsync(key, 2, Hour));
        Assert.False(await limiter.TryAcquireAsync(key, 2, Hour));

        _clock.Advance(TimeSpan.FromMinutes(40)); // 14:00: the next hourly window

        Assert.True(await limiter.TryAcquireAsync(key, 2, Hour));
        Assert.True(await limiter.TryAcquireAsync(key, 2, Hour));
        Assert.False(await limiter.TryAcquireAsync(key, 2, Hour));
    }

    [Fact]
    public async Task AHitAnHourAfterTheLastPruneDeletesTheFinishedWindows()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 13, 20, 0, TimeSpan.Zero)); // a day of its own: the row count below is this test's
        var limiter = Limiter();
        var oldPartition = TableRateLimiter.Partition(_clock.GetUtcNow(), Hour);
        Assert.True(await limiter.TryAcquireAsync(UniqueKey(), 2, Hour)); // 13:20: prunes (nothing due), next prune at 14:20
        _clock.Advance(TimeSpan.FromMinutes(50));
        Assert.True(await limiter.TryAcquireAsync(UniqueKey(), 2, Hour));
        Assert.NotEmpty(await RowsAsync(oldPartition)); // 14:10: not due yet

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await limiter.TryAcquireAsync(UniqueKey(), 2, Hour));

        Assert.Empty(await RowsAsync(oldPartition));
        Assert.Equal(2, (await RowsAsync(TableRateLimiter.Partition(_clock.GetUtcNow(), Hour))).Count);
    }

    [Fact]
    public async Task PruningKeepsWindowsThatHaveNotEnded()
    {
        var limiter = Limiter();
        var key = UniqueKey();
        await limiter.TryAcquireAsync(key, 3, TimeSpan.FromDays(1));
        await limiter.TryAcquireAsync(key, 3, Hour);
        _clock.Advance(TimeSpan.FromHours(1));

        await limiter.PruneAsync();

        Assert.NotEmpty(await RowsAsync(TableRateLimiter.Partition(_clock.GetUtcNow(), TimeSpan.FromDays(1))));
        Assert.Empty(await RowsAsync(TableRateLimiter.Partition(_clock.GetUtcNow() - Hour, Hour)));
    }

    [Fact]
    public void PartitionsAreTheWindowEndSoFinishedWindowsSortBeforeNow()
    {
        var now = new DateTimeOffset(2026, 1, 14, 13, 20, 5, TimeSpan.Zero);

        Assert.Equal("20260114T140000Z-3600", TableRateLimiter.Partition(now, Hour));
        Assert.Equal("20260115T000000Z-86400", TableRateLimiter.Partition(now, TimeSpan.FromDays(1)));
        Assert.True(string.CompareOrdinal(TableRateLimiter.Partition(now.AddHours(-1), Hour), "20260114T132005Z") < 0);
        Assert.True(string.CompareOrdinal(TableRateLimiter.Partition(now, Hour), "20260114T132005Z") > 0);
    }

    [Fact]
    public async Task StoresNeitherTheIpNorTheAddressNorTheSubscriberId()
    {
        var limiter = Limiter();
        var address = $"visitor-{Guid.NewGuid():n}@example.org";
        var id = CampaignFlow.Subscribers.EmailAddress.Key(address);

        await limiter.TryAcquireAsync("ip:203.0.113.77", 10, Hour);
        await limiter.TryAcquireAsync("address:" + address, 3, TimeSpan.FromDays(1));
        await limiter.TryAcquireAsync("address:" + id, 3, TimeSpan.FromDays(1));

        var rows = await azurite.Tables.GetTableClient(TableNames.RateLimits).QueryAsync<TableEntity>().ToListAsync();
        var stored = string.Join("\n", rows.SelectMany(r => r.Select(p => $"{p.Key}={p.Value}")));
        Assert.Contains(TableRateLimiter.CountColumn, stored);
        Assert.DoesNotContain("203.0.113.77", stored);
        Assert.DoesNotContain(address.Split('@')[0], stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(id, stored, StringComparison.OrdinalIgnoreCase);
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.RowKey));
    }

    [Fact]
    public async Task FailsClosedWithAWarningWhenStorageIsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more: connection refused
        var unreachable = new TableServiceClient(
            new Uri($"http://127.0.0.1:{port}/{Azurite.AccountName}"),
            new TableSharedKeyCredential(Azurite.AccountName, Azurite.AccountKey),
            new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } });
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        await Assert.ThrowsAsync<RateLimitUnavailableException>(() => Limiter(factory.CreateLogger<TableRateLimiter>(), unreachable).TryAcquireAsync("ip:203.0.113.8", 1, Hour));

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("storage unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("203.0.113.8", StringComparison.Ordinal));
    }
}
