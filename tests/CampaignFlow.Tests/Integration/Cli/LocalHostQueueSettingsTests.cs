using System.Text.Json;
using CampaignFlow.Cli.Local;
using CampaignFlow.Tests.Support;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Integration.Cli;

/// <summary>
/// The local host runs the queue stages with host.json's queue settings, as the Functions host does in Azure (batch
/// size, poison after maxDequeueCount, visibility timeout, base64 messages); only the polling back-off is shortened
/// locally. Compared with host.json read on its own, so an edit there and the host can never drift apart.
/// </summary>
public sealed class LocalHostQueueSettingsTests
{
    [Fact]
    public void TheLocalHostTakesItsQueueSettingsFromHostJson()
    {
        using var state = new TempDirectory();
        using var host = LocalPipelineHost.Build(
            new LocalRunSettings(state.Path, Path.Combine(state.Path, "outbox"), [Path.Combine(RepositoryRoot.Find(), "samples/feeds/regjeringen-mfa-en.xml")], "UseDevelopmentStorage=true"),
            scheduled: false);
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var expected = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");

        var queues = host.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;

        Assert.Equal(expected.GetProperty("batchSize").GetInt32(), queues.BatchSize);
        Assert.Equal(expected.GetProperty("newBatchThreshold").GetInt32(), queues.NewBatchThreshold);
        Assert.Equal(expected.GetProperty("maxDequeueCount").GetInt32(), queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse(expected.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture), queues.VisibilityTimeout);
        Assert.Equal(expected.GetProperty("messageEncoding").GetString(), queues.MessageEncoding.ToString(), ignoreCase: true);
        Assert.Equal(LocalPipelineHost.LocalMaxPollingInterval, queues.MaxPollingInterval);
        // Not the SDK's defaults (16/8/5/0 s), or the comparison above would prove nothing for them.
        Assert.NotEqual(TimeSpan.Zero, queues.VisibilityTimeout);
    }
}
