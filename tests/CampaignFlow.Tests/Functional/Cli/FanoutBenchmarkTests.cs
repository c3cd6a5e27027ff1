using System.Text.Json;
using CampaignFlow.Cli.Bench;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>The <c>bench fanout</c> machinery end to end (its own Azurite, loopback SendGrid), at a size the suite can afford.</summary>
public sealed class FanoutBenchmarkTests
{
    [Fact]
    public async Task EveryRecipientGetsOneCopyInOneRequestPerThousand()
    {
        var result = await FanoutBenchmark.RunAsync(2500, TextWriter.Null);

        // The line the command prints, read as the contract's reader would.
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result));
        BenchRelations.AssertFanout(json.RootElement, subscribers: 2500);
        // The raw client sends the same pre-built requests: one per thousand, as many recipients.
        Assert.Equal(3, result.RawRequests);
        Assert.Equal(2500 / result.RawSeconds, result.RawRecipientsPerSecond, tolerance: (2500 * 0.0005 / (result.RawSeconds * result.RawSeconds)) + 0.05);
        Assert.Equal(result.RecipientsPerSecond / result.RawRecipientsPerSecond, result.Ratio, tolerance: 0.01 * result.Ratio + 0.0001);
    }
}
