using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CampaignFlow.Cli.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Azure;
using CampaignFlow.Web;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// A real Azurite (in memory, free loopback ports) per test class — a storage account of the class's own on the run's
/// shared Azurite process (<see cref="SharedAzurite"/>) — with the app's services wired against it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Azurite is not started");

    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    public TableServiceClient Tables => new(ConnectionString);
    public BlobServiceClient Blobs => new(ConnectionString);

    /// <summary>A new, empty blob container of this test's own (tests sharing an Azurite stay apart).</summary>
    public async Task<BlobContainerClient> NewContainerAsync(string prefix = "config")
    {
        var container = Blobs.GetBlobContainerClient($"{prefix}{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        return container;
    }

    public async Task InitializeAsync()
    {
        _connectionString = await SharedAzurite.LeaseAsync();
        await new StorageProvisioner(Queues, Tables, Blobs).EnsureAsync();
    }

    // The process outlives the class (it is shared); the account is never handed out again.
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The library wired exactly as the hosts wire it, plus the given settings.</summary>
    public ServiceProvider Services(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(settings)).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCampaignFlow(configuration);
        services.AddCampaignFlowAzure(configuration);
        services.AddCampaignFlowWeb();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The app settings the tests run with (this Azurite, the outbox in a fresh temp folder), plus <paramref name="settings"/>.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = ConnectionString,
            ["Feeds:Sources:0:Name"] = "test",
            ["Feeds:Sources:0:Url"] = "unused.xml",
            ["Email:Sink"] = "Outbox",
            ["Email:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "campaignflow-tests", Guid.NewGuid().ToString("n")),
            ["Tokens:SigningKey"] = TestKeys.Signing,
            // The tests' feed servers listen on loopback, as in local development; tests of the refusal set it false.
            ["Feeds:AllowLoopback"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return values;
    }
}
