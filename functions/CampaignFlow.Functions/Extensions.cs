using CampaignFlow.Azure.Storage;
using CampaignFlow.Telemetry;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using CampaignFlow.Azure;
using CampaignFlow.Web;
using CampaignFlow.Web.Http;

namespace CampaignFlow.Functions;

/// <summary>The Functions app's wiring: the same two calls the local host makes, plus Application Insights.</summary>
public static class Extensions
{
    /// <summary>The log categories sent to Application Insights at Information: the app's own (every other one at Warning).</summary>
    public const string AppCategory = "CampaignFlow";

    /// <summary>Telemetry types adaptive sampling never drops: what the alerts and the workbook count.</summary>
    public const string NeverSampled = "Event;Exception";

    public static FunctionsApplicationBuilder AddCampaignFlowFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.AddWorkerApplicationInsights();
        builder.Services.AddSingleton<IPipelineTelemetry, ApplicationInsightsPipelineTelemetry>();
        builder.Services.AddCampaignFlow(builder.Configuration);
        builder.Services.AddCampaignFlowAzure(builder.Configuration);
        builder.Services.AddCampaignFlowWeb();
        builder.Logging.AddUrlFreeLogging();
        builder.Services.AddHostedService<StorageStartup>();
        return builder;
    }

    /// <summary>
    /// host.json's logging and sampling settings apply to the Functions host, not to this worker, whose SDK would keep
    /// only Warning and above and sample custom events (5 a second) during a big fan-out. So: the app's categories at
    /// Information, and one adaptive sampler that excludes custom events and exceptions.
    /// </summary>
    private static void AddWorkerApplicationInsights(this FunctionsApplicationBuilder builder)
    {
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService(new ApplicationInsightsServiceOptions { EnableAdaptiveSampling = false })
            .ConfigureFunctionsApplicationInsights();
        builder.Services.Configure<TelemetryConfiguration>(configuration =>
        {
            var chain = configuration.DefaultTelemetrySink.TelemetryProcessorChainBuilder;
            chain.UseAdaptiveSampling(maxTelemetryItemsPerSecond: 20, excludedTypes: NeverSampled);
            chain.Build();
        });
        builder.Logging.AddFilter<ApplicationInsightsLoggerProvider>(AppCategory, LogLevel.Information);
    }
}
