using CampaignFlow.Classification;
using CampaignFlow.Configuration;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignFlow;

/// <summary>Wires the domain services; hosts call this and <c>AddCampaignFlowAzure</c>, nothing else.</summary>
public static class CampaignFlowServiceCollectionExtensions
{
    public static IServiceCollection AddCampaignFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<FeedOptions>(FeedOptions.SectionName);
        services.AddSettings<EmailOptions>(EmailOptions.SectionName);
        services.AddSettings<TokenOptions>(TokenOptions.SectionName);

        services.AddHttpClient<FeedFetcher>((sp, http) =>
            {
                var userAgent = configuration.GetSection(FeedOptions.SectionName).Get<FeedOptions>()?.UserAgent ?? new FeedOptions().UserAgent;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            })
            .AddStandardResilienceHandler();

        services.AddClassification(configuration);
        services.TryAddSingleton<IPipelineTelemetry, LoggingPipelineTelemetry>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<StageRunner>();
        services.AddSingleton<IFeedPoller, FeedPoller>();
        services.AddSingleton<IPipelineStage<StoryMessage, Classification.Classification>, StoryClassificationStage>();
        services.AddSingleton<IPipelineStage<AlertMessage, int>, AlertFanOutStage>();
        return services;
    }
}
