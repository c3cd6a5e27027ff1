using CampaignFlow.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Classification;

/// <summary>Registers the classifier and its rule-set provider.</summary>
public static class ClassificationServiceCollectionExtensions
{
    /// <summary>
    /// IStoryClassifier (singleton, thread-safe) over an IRuleSetProvider: Classification:RulesFile, else the embedded
    /// default. <c>AddCampaignFlowAzure</c> replaces the provider with the published set in blob storage (hot reload)
    /// when Classification:UseBlobStorage is true.
    /// </summary>
    public static IServiceCollection AddClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ClassificationOptions>(ClassificationOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRuleSetProvider>(sp =>
            sp.GetRequiredService<IOptions<ClassificationOptions>>().Value.RulesFile is { Length: > 0 } file
                ? StaticRuleSetProvider.FromFile(file)
                : StaticRuleSetProvider.Default());
        services.TryAddSingleton<IStoryClassifier, RuleBasedClassifier>();
        return services;
    }
}
