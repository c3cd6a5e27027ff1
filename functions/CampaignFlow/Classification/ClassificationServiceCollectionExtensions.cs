using Azure.Storage.Blobs;
using CampaignFlow.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Classification;

/// <summary>Registers the classifier and its rule-set provider.</summary>
public static class ClassificationServiceCollectionExtensions
{
    /// <summary>
    /// IStoryClassifier (singleton, thread-safe) over an IRuleSetProvider: blob storage with hot reload
    /// when Classification:UseBlobStorage is true (needs a BlobServiceClient, e.g. from AddAzureClients),
    /// else Classification:RulesFile, else the embedded default. BlobRuleSetStore is registered with blob storage.
    /// </summary>
    public static IServiceCollection AddClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ClassificationOptions>(ClassificationOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new BlobRuleSetStore(Container(sp), sp.GetRequiredService<IOptions<ClassificationOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRuleSetProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ClassificationOptions>>();
            var o = options.Value;
            if (!o.UseBlobStorage)
            {
                return o.RulesFile is { Length: > 0 } file ? StaticRuleSetProvider.FromFile(file) : StaticRuleSetProvider.Default();
            }
            return new BlobRuleSetProvider(
                Container(sp), options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BlobRuleSetProvider>>(), RuleSetLoader.LoadDefault());
        });
        services.TryAddSingleton<IStoryClassifier, RuleBasedClassifier>();
        return services;
    }

    // Why: the container is built here rather than registered, so other components' containers don't collide.
    private static BlobContainerClient Container(IServiceProvider sp) =>
        sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(
            sp.GetRequiredService<IOptions<ClassificationOptions>>().Value.ContainerName);
}
