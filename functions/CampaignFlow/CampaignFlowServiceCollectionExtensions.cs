using CampaignFlow.Classification;
using CampaignFlow.Configuration;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using CampaignFlow.Tuning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CampaignFlow;

/// <summary>Wires the domain services; hosts call this, <c>AddCampaignFlowAzure</c> and <c>AddCampaignFlowWeb</c>, nothing else.</summary>
public static class CampaignFlowServiceCollectionExtensions
{
    public static IServiceCollection AddCampaignFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<FeedOptions>(FeedOptions.SectionName);
        services.AddSettings<EmailOptions>(EmailOptions.SectionName);
        services.AddSettings<TokenOptions>(TokenOptions.SectionName);
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddSettings<SendingOptions>(SendingOptions.SectionName);
        services.AddSettings<RetryOptions>(RetryOptions.SectionName);
        services.AddSettings<Operations.RetentionOptions>(Operations.RetentionOptions.SectionName);

        var feedResilience = services.AddHttpClient<FeedFetcher>((sp, http) =>
            {
                http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<FeedOptions>>().Value.UserAgent);
                // The resilience pipeline owns the timeouts (per attempt and in total).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => FeedHttp.PrimaryHandler(sp.GetRequiredService<IOptions<FeedOptions>>().Value))
            .AddStandardResilienceHandler();
        services.AddOptions<HttpStandardResilienceOptions>(feedResilience.PipelineName)
            .Configure<IOptions<FeedOptions>, TimeProvider>((resilience, feeds, clock) => FeedHttp.Configure(resilience, feeds.Value, clock));
        // One circuit breaker per host: a failing site never opens the circuit for another feed.
        feedResilience.SelectPipelineByAuthority();

        services.AddClassification(configuration);
        services.AddRuleTuning();
        services.TryAddSingleton<IPipelineTelemetry, LoggingPipelineTelemetry>();
        services.AddSingleton<TokenService>();
        // The built-in templates; AddCampaignFlowAzure lets those staff publish to blob storage override them.
        services.AddSettings<EmailTemplateOptions>(EmailTemplateOptions.SectionName);
        services.AddSettings<BrandingOptions>(BrandingOptions.SectionName);
        services.TryAddSingleton<IEmailTemplateProvider>(_ => StaticEmailTemplateProvider.Default());
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<SendingGate>();
        services.AddSingleton<SubscriberAdmin>();
        services.AddSingleton<SubscriberCsvImporter>();
        services.AddSingleton<StoryReview>();
        services.AddSingleton<Staff.StaffStoryDecisions>();
        services.AddSingleton<DigestPlanner>();
        services.AddSingleton<StageRunner>();
        services.AddSingleton<UncertainDeliveryResend>();
        // Article pages are best effort (one attempt within Feeds__Articles__Timeout; a failure leaves the summary), so no
        // retry pipeline: its handler must stay the one that checks every connected address.
        services.AddHttpClient<ArticleFetcher>((sp, http) =>
            {
                http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<FeedOptions>>().Value.UserAgent);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => ArticleHttp.PrimaryHandler(sp.GetRequiredService<IOptions<FeedOptions>>().Value.Articles));
        services.AddSingleton<IFeedDocumentParser, FeedDocumentParser>();
        services.AddSingleton<StoryIngestor>();
        services.AddSingleton<IFeedPoller, FeedPoller>();
        services.AddSingleton<IPipelineStage<StoryMessage, StoryVerdict>, ClassifyStoryStage>();
        services.AddSingleton<IPipelineStage<AlertMessage, int>, NotifySubscribersStage>();
        services.AddSingleton<BatchDelivery>();
        services.AddSingleton<IPipelineStage<DeliveryBatchMessage, int>, DeliverBatchStage>();
        services.AddSingleton<IPipelineStage<DigestBatchMessage, int>, DeliverDigestStage>();
        return services;
    }
}
