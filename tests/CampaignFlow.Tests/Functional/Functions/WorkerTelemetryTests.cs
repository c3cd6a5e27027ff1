using System.Collections.Concurrent;
using CampaignFlow.Functions;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WindowsServer.TelemetryChannel;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Tests.Functional.Functions;

/// <summary>
/// Application Insights as the isolated worker configures it (host.json's settings do not reach the worker): the
/// worker's container built as Program.cs builds it, with only the channel (the wire to Azure) replaced by a recorder.
/// </summary>
public sealed class WorkerTelemetryTests : IDisposable
{
    private readonly RecordingChannel _channel = new();
    private readonly IHost _host;

    public WorkerTelemetryTests()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", // never dialled: the host is built, not started
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:1/",
        });
        builder.AddCampaignFlowFunctions();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITelemetryChannel>(_channel));
        _host = builder.Build();
    }

    [Fact]
    public void TheAppsInformationLogsReachApplicationInsights()
    {
        var logs = _host.Services.GetRequiredService<ILoggerFactory>();

        logs.CreateLogger("CampaignFlow.Pipeline.StageRunner").LogInformation("Batch {Batch} sent", 3);
        logs.CreateLogger("Azure.Core").LogInformation("SDK chatter");
        logs.CreateLogger("System.Net.Http.HttpClient.Default.LogicalHandler").LogInformation("GET https://example.org/?token=secret");

        var traces = _channel.Items.OfType<TraceTelemetry>().Select(t => t.Message).ToList();
        Assert.Contains("Batch 3 sent", traces);
        Assert.DoesNotContain("SDK chatter", traces);
        Assert.DoesNotContain(traces, t => t.Contains("token=", StringComparison.Ordinal));
    }

    [Fact]
    public void NoSamplerInTheChainCanDropACustomEventOrAnException()
    {
        var processors = _host.Services.GetRequiredService<TelemetryConfiguration>().DefaultTelemetrySink.TelemetryProcessors;

        var samplers = processors.OfType<AdaptiveSamplingTelemetryProcessor>().ToList();
        Assert.NotEmpty(samplers);
        Assert.All(samplers, s =>
        {
            Assert.True(string.IsNullOrEmpty(s.IncludedTypes), $"a sampler only for {s.IncludedTypes}");
            Assert.Contains("Event", s.ExcludedTypes ?? "", StringComparison.Ordinal);
            Assert.Contains("Exception", s.ExcludedTypes ?? "", StringComparison.Ordinal);
        });
        Assert.Empty(processors.OfType<SamplingTelemetryProcessor>());
    }

    public void Dispose() => _host.Dispose();

    private sealed class RecordingChannel : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string EndpointAddress { get; set; } = "";

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
