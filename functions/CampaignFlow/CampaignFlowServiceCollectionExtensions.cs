using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using CampaignFlow.Web;
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
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendingOptions>().BindConfiguration(SendingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpClient<FeedFetcher>((sp, http) =>
            {
                var userAgent = configuration.GetSection(FeedOptions.SectionName).Get<FeedOptions>()?.UserAgent ?? new FeedOptions().UserAgent;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            })
            .AddStandardResilienceHandler();

        services.AddSingleton<IStoryClassifier>(_ => new KeywordClassifier(RuleSet.Parse(DefaultRules.Read())));
        services.TryAddSingleton<IPipelineTelemetry, LoggingPipelineTelemetry>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<SendingGate>();
        services.AddSingleton<SubscriberAdmin>();
        services.AddSingleton<SubscriberCsvImporter>();
        services.AddSingleton<StoryReview>();
        services.AddSingleton<DigestSender>();
        services.AddSingleton<FixedWindowLimiter>();
        services.AddSingleton<SendGridEventVerifier>();
        services.AddSingleton<SubscriptionHandlers>();
        services.AddSingleton<StageRunner>();
        services.AddSingleton<IFeedPoller, FeedPoller>();
        services.AddSingleton<IPipelineStage<StoryMessage, Classification.Classification>, StoryClassificationStage>();
        services.AddSingleton<IPipelineStage<AlertMessage, int>, AlertFanOutStage>();
        services.AddSingleton<IPipelineStage<DeliveryBatchMessage, int>, DeliveryBatchStage>();
        return services;
    }
}
