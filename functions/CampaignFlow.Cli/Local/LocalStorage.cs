using CampaignFlow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The local state's Azurite plus the library's services wired against it, for one-shot commands (subscribers,
/// review). Starts Azurite exactly as <c>run</c> does (data under <c>STATE/azurite</c>) and stops it gracefully on dispose.
/// </summary>
public sealed class LocalStorage : IAsyncDisposable
{
    private readonly Azurite _azurite;

    private LocalStorage(Azurite azurite, ServiceProvider services) => (_azurite, Services) = (azurite, services);

    public ServiceProvider Services { get; }

    /// <summary><c>--state</c> as given, else <c>.state</c> in the repository.</summary>
    public static string StateDirectory(string? state) => Path.GetFullPath(state ?? Path.Combine(RepositoryRoot.Find(), ".state"));

    public static async Task<LocalStorage> OpenAsync(string stateDirectory, CancellationToken cancellationToken = default)
    {
        var azurite = await Azurite.StartAsync(Path.Combine(stateDirectory, "azurite"), cancellationToken);
        try
        {
            var settings = LocalPipelineHost.Settings(new LocalRunSettings(stateDirectory, Path.Combine(stateDirectory, "outbox"), [], azurite.ConnectionString));
            settings["Feeds:Sources:0:Name"] = "unused";
            settings["Feeds:Sources:0:Url"] = "unused.xml";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables("CAMPAIGNFLOW_").Build();
            var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
            services.AddCampaignFlow(configuration);
            services.AddCampaignFlowAzure(configuration);
            var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<StorageProvisioner>().EnsureAsync(cancellationToken);
            return new LocalStorage(azurite, provider);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
