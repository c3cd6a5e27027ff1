using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignFlow.Tuning;

/// <summary>Registers the rules side of the staff console: live preview, suggested terms, publish, rollback, history.</summary>
public static class TuningServiceCollectionExtensions
{
    /// <summary>
    /// The preview reads the project's labeled corpus; adapters add more <see cref="IPreviewStorySource"/>s (recent
    /// stories, staff decisions). <see cref="IRuleSetRepository"/> comes from <c>AddCampaignFlowAzure</c>.
    /// </summary>
    public static IServiceCollection AddRuleTuning(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreviewStorySource, CorpusPreviewSource>());
        services.TryAddSingleton<RulePreviewService>();
        services.TryAddSingleton<RulePublisher>();
        return services;
    }
}
