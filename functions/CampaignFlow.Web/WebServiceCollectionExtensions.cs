using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Web;

/// <summary>Registers the HTTP surfaces both hosts serve; the Functions app binds them to functions, the local host to Kestrel.</summary>
public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddCampaignFlowWeb(this IServiceCollection services)
    {
        services.AddOptions<SendGridWebhookOptions>().BindConfiguration(SendGridWebhookOptions.SectionName);
        services.AddSingleton<SendGridEventVerifier>();
        services.AddSingleton<SubscriptionHandlers>();
        return services;
    }
}
