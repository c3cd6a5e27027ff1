using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Azure;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The storage a runbook command works on: the local state's Azurite (started for the command and stopped after),
/// or the Azurite of a local run that holds the same state (<see cref="RunningHost"/>), or an Azure storage account
/// reached with the signed-in identity (DefaultAzureCredential).
/// </summary>
public sealed class StorageSession(ServiceProvider services, Azurite? azurite, string description) : IAsyncDisposable
{
    public IServiceProvider Services => services;

    public string Description => description;

    /// <summary><c>--state</c> as given, else <c>.state</c> in the repository.</summary>
    public static string StateDirectory(string? state) => Path.GetFullPath(state ?? Path.Combine(RepositoryRoot.Find(), ".state"));

    public static async Task<StorageSession> OpenAsync(string? account, string? stateDirectory, CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string?>();
        Azurite? azurite = null;
        string description;
        if (!string.IsNullOrEmpty(account))
        {
            var name = Uri.TryCreate(account, UriKind.Absolute, out var uri) ? uri.Host.Split('.')[0] : account;
            settings["Storage:BlobServiceUri"] = $"https://{name}.blob.core.windows.net";
            settings["Storage:QueueServiceUri"] = $"https://{name}.queue.core.windows.net";
            settings["Storage:TableServiceUri"] = $"https://{name}.table.core.windows.net";
            description = $"storage account {name} (signed-in identity)";
        }
        else
        {
            var state = StateDirectory(stateDirectory);
            string connectionString;
            // A run on this state has its Azurite on the same files: use it, never a second Azurite on its data.
            if (await RunningHost.FindAsync(state, cancellationToken) is { } running)
            {
                connectionString = running.ConnectionString;
                description = $"the running host's Azurite (run, process {running.Pid}; {state})";
            }
            else
            {
                azurite = await Azurite.StartAsync(Path.Combine(state, "azurite"), cancellationToken);
                connectionString = azurite.ConnectionString;
                description = $"local Azurite ({state})";
            }
            // The same settings as a local run (signing key, outbox …), so links made here work there.
            settings = LocalPipelineHost.Settings(new LocalRunSettings(state, Path.Combine(state, "outbox"), [], connectionString));
            // An operator who forgot --account must not read an empty local queue as a healthy production one.
            description = $"LOCAL Azurite state in {state}, not Azure ({description}): add --account NAME to act on a storage account";
        }
        settings.TryAdd("Feeds:Sources:0:Name", "unused");
        settings.TryAdd("Feeds:Sources:0:Url", "unused.xml");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables("CAMPAIGNFLOW_").Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Azure", LogLevel.Error))
            .AddSingleton<IConfiguration>(configuration);
        services.AddCampaignFlow(configuration);
        services.AddCampaignFlowAzure(configuration);
        var provider = services.BuildServiceProvider();
        if (string.IsNullOrEmpty(account))
        {
            await provider.GetRequiredService<StorageProvisioner>().EnsureAsync(cancellationToken);
        }
        return new StorageSession(provider, azurite, description);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
