using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Functions;
using CampaignFlow.Tests.Support;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Published;

namespace CampaignFlow.Tests.Integration.Delivery;

/// <summary>Which templates each host sends with: the library alone has the built-in ones; both hosts let published ones override them.</summary>
public sealed class EmailTemplateWiringTests : IDisposable
{
    private const string Storage = "UseDevelopmentStorage=true";
    private readonly TempDirectory _state = new();

    [Fact]
    public void TheLibraryAloneSendsWithTheBuiltInTemplates()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddCampaignFlow(configuration).BuildServiceProvider();

        Assert.IsType<StaticEmailTemplateProvider>(services.GetRequiredService<IEmailTemplateProvider>());
    }

    [Fact]
    public async Task TheFunctionsAppLetsPublishedTemplatesOverrideTheBuiltInOnes()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = Storage });
        builder.AddCampaignFlowFunctions();
        await using var services = builder.Services.BuildServiceProvider();

        Assert.IsType<BlobEmailTemplateProvider>(services.GetRequiredService<IEmailTemplateProvider>());
    }

    [Fact]
    public void TheLocalHostLetsPublishedTemplatesOverrideTheBuiltInOnes()
    {
        using var host = LocalPipelineHost.Build(new LocalRunSettings(_state.Path, Path.Combine(_state.Path, "outbox"), [], Storage), scheduled: false);

        Assert.IsType<BlobEmailTemplateProvider>(host.Services.GetRequiredService<IEmailTemplateProvider>());
    }

    public void Dispose() => _state.Dispose();
}
