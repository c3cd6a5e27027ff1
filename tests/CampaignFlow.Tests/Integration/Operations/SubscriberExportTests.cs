using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CampaignFlow.Azure.Operations;
using CampaignFlow.Functions;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Integration.Operations;

/// <summary>
/// Issue 15, data lifecycle: the ExportSubscribers timer writes the list, consent records included, to the private
/// <c>exports</c> container as a dated JSON-lines blob in the format of <c>subscribers export ADDRESS</c>. Against Azurite,
/// each test class with a storage account of its own.
/// </summary>
public sealed class SubscriberExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);

    private ServiceProvider Services(FakeTimeProvider clock) =>
        azurite.Services(configure: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

    private static Task RunTimerAsync(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<ExportSubscribers>(services).RunAsync(new TimerInfo(), CancellationToken.None);

    private static async Task<string[]> LinesAsync(IServiceProvider services, DateTimeOffset day)
    {
        var blob = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(SubscriberExport.Container).GetBlobClient(SubscriberExport.BlobName(day));
        var text = (await blob.DownloadContentAsync()).Value.Content.ToString();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task TheTimerWritesEverySubscriberWithTheirConsentToADatedBlobOneJsonObjectPerLine()
    {
        var clock = new FakeTimeProvider(Day);
        await using var services = Services(clock);
        var store = services.GetRequiredService<ISubscriberStore>();
        var tag = Guid.NewGuid().ToString("n")[..8];
        var seeded = new[]
        {
            Subscriber.Create($"active-{tag}@example.org") with { Status = SubscriberStatus.Active, Name = "Åse \"quoted\"", Topics = ["stockpile-destruction"], ConsentAt = Day.AddDays(-3), ConsentSource = "form 198.51.100.0/24" },
            Subscriber.Create($"gone-{tag}@example.org") with { Status = SubscriberStatus.Unsubscribed, StatusReason = "one-click", Cadence = Cadence.DailyDigest, ConsentAt = Day.AddDays(-90), ConsentSource = "import list.csv" },
            Subscriber.Create($"pending-{tag}@example.org"),
        };
        foreach (var subscriber in seeded)
        {
            await store.UpsertAsync(subscriber);
        }

        await RunTimerAsync(services);

        var lines = await LinesAsync(services, Day);
        Assert.Equal("subscribers/2026-03-02.jsonl", SubscriberExport.BlobName(Day));
        var exported = lines.Select(l => JsonSerializer.Deserialize<Subscriber>(l, SubscriberJson.Options)!).Where(s => s.Email.Contains(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(seeded.Select(s => s.Email).Order(), exported.Select(s => s.Email).Order());
        foreach (var expected in seeded)
        {
            var got = exported.Single(s => s.Id == expected.Id);
            Assert.Equal((expected.Status, expected.Cadence, expected.Name, expected.ConsentAt, expected.ConsentSource, expected.StatusReason), (got.Status, got.Cadence, got.Name, got.ConsentAt, got.ConsentSource, got.StatusReason));
            Assert.Equal(expected.Topics, got.Topics);
        }
        // The names and values of 'subscribers export ADDRESS': camelCase properties, enums as their names.
        var line = JsonNode.Parse(lines.Single(l => l.Contains($"active-{tag}@", StringComparison.Ordinal)))!.AsObject();
        Assert.Equal("Active", line["status"]!.GetValue<string>());
        Assert.Equal("Instant", line["cadence"]!.GetValue<string>());
        Assert.True(line.ContainsKey("consentAt") && line.ContainsKey("consentSource"));
    }

    [Fact]
    public async Task ASecondRunOnOneDayReplacesThatDaysExportAndTheNextDayGetsItsOwn()
    {
        var clock = new FakeTimeProvider(Day.AddHours(1));
        await using var services = Services(clock);
        var store = services.GetRequiredService<ISubscriberStore>();
        var tag = Guid.NewGuid().ToString("n")[..8];
        await store.UpsertAsync(Subscriber.Create($"first-{tag}@example.org") with { Status = SubscriberStatus.Active });

        await RunTimerAsync(services);
        await store.UpsertAsync(Subscriber.Create($"second-{tag}@example.org") with { Status = SubscriberStatus.Active });
        await RunTimerAsync(services);
        var sameDay = await LinesAsync(services, Day);
        clock.Advance(TimeSpan.FromDays(1));
        await store.DeleteAsync(EmailAddress.Key($"first-{tag}@example.org"));
        await RunTimerAsync(services);
        var nextDay = await LinesAsync(services, Day.AddDays(1));

        Assert.Equal(2, sameDay.Count(l => l.Contains(tag, StringComparison.Ordinal)));
        Assert.Equal(sameDay.Length, sameDay.Distinct().Count());
        Assert.Single(nextDay, l => l.Contains(tag, StringComparison.Ordinal));
        Assert.Contains(nextDay, l => l.Contains($"second-{tag}@", StringComparison.Ordinal));
        var blobs = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(SubscriberExport.Container).GetBlobsAsync(global::Azure.Storage.Blobs.Models.BlobTraits.None, global::Azure.Storage.Blobs.Models.BlobStates.None, "subscribers/", CancellationToken.None);
        Assert.Equal(["subscribers/2026-03-02.jsonl", "subscribers/2026-03-03.jsonl"], await blobs.Select(b => b.Name).ToListAsync());
    }
}
