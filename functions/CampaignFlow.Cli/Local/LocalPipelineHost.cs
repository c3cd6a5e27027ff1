using CampaignFlow.Azure.Storage;
using CampaignFlow.Telemetry;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using CampaignFlow.Azure;
using CampaignFlow.Web;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// Builds the local host: the library wired exactly as in the Functions app (AddCampaignFlow + AddCampaignFlowAzure),
/// queue stages on the WebJobs SDK configured from the repository's host.json, and the outbox as the email sink.
/// </summary>
public static class LocalPipelineHost
{
    /// <summary>Locally the queue listener backs off to at most this, so a one-shot run does not idle (Azure keeps host.json's value).</summary>
    public static readonly TimeSpan LocalMaxPollingInterval = TimeSpan.FromSeconds(1);

    /// <param name="overrides">Settings over the local ones (and under <c>CAMPAIGNFLOW_</c> variables): the fault bench points email at the loopback SendGrid with them.</param>
    public static IHost Build(LocalRunSettings run, bool scheduled, LogLevel consoleLevel = LogLevel.Information, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        return Build(run, scheduled, consoleLevel, overrides, configureServices: null);
    }

    /// <param name="configureServices">Last words on the services: the load bench counts storage requests with it.</param>
    public static IHost Build(LocalRunSettings run, bool scheduled, LogLevel consoleLevel, IReadOnlyDictionary<string, string?>? overrides, Action<IServiceCollection>? configureServices)
    {
        var root = RepositoryRoot.Find();
        var hostJson = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "host.json"), optional: false).Build();
        return new HostBuilder()
            .UseContentRoot(root)
            .ConfigureAppConfiguration(config => config
                .AddInMemoryCollection(Settings(run))
                .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
                .AddEnvironmentVariables("CAMPAIGNFLOW_"))
            .ConfigureLogging(logging => logging
                .AddConsole(o => o.FormatterName = CompactConsoleFormatter.FormatterName)
                .AddConsoleFormatter<CompactConsoleFormatter, ConsoleFormatterOptions>()
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter("CampaignFlow", consoleLevel)
                .AddFilter("CampaignFlow.Telemetry", LogLevel.Warning)
                .AddFilter("Azure", LogLevel.Error))
            .ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues(queues =>
            {
                hostJson.GetSection("extensions:queues").Bind(queues);
                queues.MaxPollingInterval = LocalMaxPollingInterval;
            }))
            .ConfigureServices((context, services) =>
            {
                services.AddSingleton<LoggingPipelineTelemetry>();
                services.AddSingleton<RunTally>();
                services.AddSingleton<IPipelineTelemetry>(sp => sp.GetRequiredService<RunTally>());
                services.AddCampaignFlow(context.Configuration);
                services.AddCampaignFlowAzure(context.Configuration);
                services.AddCampaignFlowWeb();
                services.AddSingleton<LocalActivity>();
                services.AddSingleton<QueueDrainer>();
                services.AddSingleton<ITypeLocator>(new ExplicitTypeLocator(typeof(LocalQueueFunctions)));
                if (scheduled)
                {
                    services.AddSingleton<PollJob>();
                    services.AddSingleton<DigestJob>();
                    services.AddHostedService<CronService<PollJob>>();
                    services.AddHostedService<CronService<DigestJob>>();
                    services.AddSingleton<ExportJob>();
                    services.AddHostedService<CronService<ExportJob>>();
                    services.AddHostedService<LocalHttpEndpoints>();
                }
                configureServices?.Invoke(services);
            })
            .Build();
    }

    internal static Dictionary<string, string?> Settings(LocalRunSettings run)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = run.StorageConnectionString,
            ["ConnectionStrings:AzureWebJobsStorage"] = run.StorageConnectionString,
            ["Storage:ConnectionString"] = run.StorageConnectionString,
            ["Classification:UseBlobStorage"] = "true",
            ["Email:Sink"] = "Outbox",
            ["Email:OutboxDirectory"] = run.OutboxDirectory,
            ["Email:PublicBaseUrl"] = "http://localhost:7071",
            // The console signs staff in with one-time links locally (App Service authentication does it in Azure).
            ["Staff:SignIn"] = "LocalLink",
            ["Tokens:SigningKey"] = new FileSigningKeyStore(run.StateDirectory).EnsureCurrent(),
            ["Tokens:PreviousSigningKey"] = new FileSigningKeyStore(run.StateDirectory).Previous(),
            // Local development: a feed served from this machine (run --feed http://localhost:…) may be fetched.
            ["Feeds:AllowLoopback"] = "true",
        };
        for (var i = 0; i < run.Feeds.Count; i++)
        {
            var source = run.Feeds[i];
            var isUrl = Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile;
            settings[$"Feeds:Sources:{i}:Name"] = isUrl ? uri!.Host + uri.AbsolutePath.TrimEnd('/') : Path.GetFileNameWithoutExtension(source);
            settings[$"Feeds:Sources:{i}:Url"] = source;
            settings[$"Feeds:Sources:{i}:Language"] = source.Contains("/no/", StringComparison.Ordinal) || source.EndsWith("-no.xml", StringComparison.Ordinal) ? "no" : "en";
            if (!isUrl)
            {
                // A feed file (the bundled sample holds stories from 2007–2014) is alerted in full: the first-poll
                // window that keeps a new live feed from flooding subscribers with its backlog is off for it.
                settings[$"Feeds:Sources:{i}:FirstPollWindow"] = "00:00:00";
            }
        }
        return settings;
    }
}
