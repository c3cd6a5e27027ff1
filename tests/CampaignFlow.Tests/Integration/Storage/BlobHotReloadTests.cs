using CampaignFlow.Azure.Published;
using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Storage.Blobs;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using CampaignFlow.Azure.Storage;

namespace CampaignFlow.Tests.Integration.Storage;

/// <summary>What the providers' own tests do not reach: a first check racing a running one, and one read per refused ETag.</summary>
public sealed class BlobHotReloadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private async Task<BlobClient> NewBlobAsync(string content)
    {
        var container = azurite.Blobs.GetBlobContainerClient($"config{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("active.json");
        await blob.UploadAsync(BinaryData.FromString(content));
        return blob;
    }

    [Fact]
    public async Task TheFirstCheckWaitsForACheckAlreadyRunning()
    {
        var reload = new TextReload(await NewBlobAsync("published"), _time) { Hold = new ManualResetEventSlim() };
        var running = Task.Run(() => reload.RefreshAsync());
        Assert.True(reload.Reading.Wait(TimeSpan.FromSeconds(10)));

        var ready = reload.ReadyAsync().AsTask();
        Assert.False(ready.IsCompleted);

        reload.Hold.Set();
        Assert.True(await running);
        await ready;
        Assert.Equal("published", reload.Current);
    }

    [Fact]
    public async Task ReadsARefusedBlobOncePerETagAndKeepsTheValueInUse()
    {
        var blob = await NewBlobAsync("bad");
        var reload = new TextReload(blob, _time);

        Assert.False(await reload.RefreshAsync());
        Assert.False(await reload.RefreshAsync());

        Assert.Equal(1, reload.Reads);
        Assert.Equal("built-in", reload.Current);
        Assert.Equal("refused bad", reload.Refusal);

        await blob.UploadAsync(BinaryData.FromString("good"), overwrite: true);
        Assert.True(await reload.RefreshAsync());
        Assert.Equal("good", reload.Current);
        Assert.Null(reload.Refusal);
    }

    /// <summary>The blob's text is the value; "bad" is refused. Can hold a read until the test lets it go on.</summary>
    private sealed class TextReload(BlobClient blob, TimeProvider time) : BlobHotReload<string>(blob, TimeSpan.FromSeconds(30), time, "built-in")
    {
        private int reads;

        public ManualResetEventSlim? Hold { get; init; }
        public ManualResetEventSlim Reading { get; } = new();
        public int Reads => reads;

        protected override bool TryRead(BinaryData content, string blobName, string inUse, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? refusal)
        {
            Interlocked.Increment(ref reads);
            Reading.Set();
            Hold?.Wait(TimeSpan.FromSeconds(10));
            if (content.ToString() is var text && text == "bad")
            {
                (value, refusal) = (null, "refused bad");
                return false;
            }
            (value, refusal) = (text, null);
            return true;
        }

        protected override void LogGone(string blobName)
        {
        }

        protected override void LogStorageError(RequestFailedException exception, string inUse)
        {
        }

        protected override void LogCheckFailed(Exception exception, string inUse)
        {
        }
    }
}
