using CampaignFlow.Azure.Storage;
using CampaignFlow.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure;
using CampaignFlow.Web;
using CampaignFlow.Web.Http;

namespace CampaignFlow.Functions;

/// <summary>The Functions app's wiring: the same two calls the local host makes, plus Application Insights.</summary>
public static class Extensions
{
    public static FunctionsApplicationBuilder AddCampaignFlowFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        builder.Services.AddSingleton<IPipelineTelemetry, ApplicationInsightsPipelineTelemetry>();
        builder.Services.AddCampaignFlow(builder.Configuration);
        builder.Services.AddCampaignFlowAzure(builder.Configuration);
        builder.Services.AddCampaignFlowWeb();
        builder.Logging.AddUrlFreeLogging();
        builder.Services.AddHostedService<StorageStartup>();
        return builder;
    }
}
