using CampaignFlow.Cli.Bench;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>The <c>bench fanout</c> machinery end to end (its own Azurite, loopback SendGrid), at a size the suite can afford.</summary>
public sealed class FanoutBenchmarkTests
{
    [Fact]
    public async Task EveryRecipientGetsOneCopyInOneRequestPerThousand()
    {
        var result = await FanoutBenchmark.RunAsync(2500, TextWriter.Null);

        Assert.Equal(2500, result.Subscribers);
        Assert.Equal(2500, result.Recipients);
        Assert.Equal(3, result.Requests);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(3, result.RawRequests);
        Assert.True(result.RecipientsPerSecond > 0 && result.RawRecipientsPerSecond > 0);
        Assert.InRange(result.Ratio, 0.0001, 10);
    }
}
