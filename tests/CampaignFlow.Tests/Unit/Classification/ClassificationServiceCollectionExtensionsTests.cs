using CampaignFlow.Classification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

public sealed class ClassificationServiceCollectionExtensionsTests
{
    [Fact]
    public void RegistersASingletonClassifierOverTheEmbeddedDefault()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddClassification(configuration).BuildServiceProvider();

        var classifier = services.GetRequiredService<IStoryClassifier>();

        Assert.Same(classifier, services.GetRequiredService<IStoryClassifier>());
        Assert.IsType<StaticRuleSetProvider>(services.GetRequiredService<IRuleSetProvider>());
        Assert.True(classifier.Classify(new StoryText("d", "Cluster munitions ban", "The convention on cluster munitions was ratified.")).Relevant);
    }

    [Fact]
    public void UsesARulesFileWhenConfigured()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, RuleSetLoader.ReadDefaultJson().Replace(TestRules.Default.Version, "from-file", StringComparison.Ordinal));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Classification:RulesFile"] = file }).Build();
            using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddClassification(configuration).BuildServiceProvider();

            Assert.Equal("from-file", services.GetRequiredService<IRuleSetProvider>().Current.Version);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
