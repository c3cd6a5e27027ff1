using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CampaignFlow.Azure.Published;
using CampaignFlow.Classification;
using CampaignFlow.Tuning;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Operations;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using CampaignFlow.Azure.Email;
using CampaignFlow.Azure.Operations;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Azure.Staff;
using CampaignFlow.Staff;

namespace CampaignFlow.Azure;

/// <summary>
/// Wires the Azure adapters: Storage clients (connection string or managed identity), tables, queues, the published rule
/// set and email templates (blob, hot reload), SendGrid or the outbox.
/// </summary>
public static class AzureServiceCollectionExtensions
{
    public static IServiceCollection AddCampaignFlowAzure(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddAzureClients(clients =>
        {
            if (!string.IsNullOrEmpty(storage.ConnectionString))
            {
                clients.AddBlobServiceClient(storage.ConnectionString);
                clients.AddTableServiceClient(storage.ConnectionString);
                clients.AddQueueServiceClient(storage.ConnectionString).ConfigureOptions(Base64);
            }
            else
            {
                clients.AddBlobServiceClient(Required(storage.BlobServiceUri, "Storage__BlobServiceUri"));
                clients.AddTableServiceClient(Required(storage.TableServiceUri, "Storage__TableServiceUri"));
                clients.AddQueueServiceClient(Required(storage.QueueServiceUri, "Storage__QueueServiceUri")).ConfigureOptions(Base64);
                clients.UseCredential(Credential(storage.ClientId));
            }
        });

        services.AddSingleton<IStoryLedger, TableStoryLedger>();
        services.AddSingleton<IFeedStateStore, TableFeedStateStore>();
        services.AddSingleton<BlobStoryTextStore>();
        services.AddSingleton<IStoryTextStore>(sp => sp.GetRequiredService<BlobStoryTextStore>());
        services.AddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.AddSingleton<TableDeliveryLedger>();
        services.AddSingleton<IDeliveryLedger>(sp => sp.GetRequiredService<TableDeliveryLedger>());
        services.AddSingleton<ISendingControl, TableSendingControl>();
        services.AddSingleton<IOperationsLog, TableOperationsLog>();
        services.AddSingleton<TableRateLimiter>();
        services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<TableRateLimiter>());
        services.AddSingleton<TableProviderEventLedger>();
        services.AddSingleton<IProviderEventLedger>(sp => sp.GetRequiredService<TableProviderEventLedger>());
        services.AddSingleton<IMessageQueue, StorageQueue>();
        services.AddSingleton<IStoryArchive, TableStoryArchive>();
        services.AddSingleton<IDeliveryReport, TableDeliveryReport>();
        services.AddSingleton<IStaffActionLog, TableStaffActionLog>();
        services.AddSingleton<IStoryEventFigures, TableStoryEventFigures>();
        services.AddSingleton<IStaffSignInLinks, TableStaffSignInLinks>();
        services.AddSingleton<IStaffDecisionCorpus, BlobStaffDecisionCorpus>();
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton(sp => new BlobEmailTemplateStore(TemplateContainer(sp), sp.GetRequiredService<IOptions<EmailTemplateOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IEmailTemplateProvider>(sp => new BlobEmailTemplateProvider(
            TemplateContainer(sp),
            sp.GetRequiredService<IOptions<EmailTemplateOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BlobEmailTemplateProvider>>(),
            EmailTemplateLoader.LoadDefault())));
        services.AddSingleton(sp => new BlobRuleSetStore(RulesContainer(sp), sp.GetRequiredService<IOptions<ClassificationOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRuleSetRepository>(sp => sp.GetRequiredService<BlobRuleSetStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreviewStorySource, TableRecentStories>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreviewStorySource, StaffDecisionPreviewSource>());
        if (configuration.GetSection(ClassificationOptions.SectionName).Get<ClassificationOptions>()?.UseBlobStorage == true)
        {
            services.Replace(ServiceDescriptor.Singleton<IRuleSetProvider>(sp => new BlobRuleSetProvider(
                RulesContainer(sp),
                sp.GetRequiredService<IOptions<ClassificationOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BlobRuleSetProvider>>(),
                RuleSetLoader.LoadDefault())));
        }
        services.AddSingleton<PoisonQueues>();
        services.AddSingleton<StatusReport>();
        services.AddSingleton<RetentionPruner>();
        services.AddSingleton<SubscriberExport>();

        AddEmailSender(services);
        return services;
    }

    /// <summary>SendGrid through the real client (its timeout from SendGrid__Timeout), or the outbox when Email__Sink is Outbox.</summary>
    private static void AddEmailSender(IServiceCollection services)
    {
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.SectionName);
        // No resilience handler here: a retry inside the client could send a batch twice; the queue retries instead.
        services.AddHttpClient(nameof(SendGridEmailSender), (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SendGridOptions>>().Value.Timeout);
        services.AddSingleton<ISendGridClient>(sp =>
        {
            var sendGrid = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridEmailSender));
            var clientOptions = new SendGridClientOptions { ApiKey = sendGrid.ApiKey };
            if (!string.IsNullOrEmpty(sendGrid.Host))
            {
                clientOptions.Host = sendGrid.Host;
            }
            return new SendGridClient(http, clientOptions);
        });
        services.AddSingleton<IEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Sink == "Outbox"
                ? ActivatorUtilities.CreateInstance<OutboxEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SendGridEmailSender>(sp));
    }

    private static BlobContainerClient TemplateContainer(IServiceProvider sp) =>
        sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<EmailTemplateOptions>>().Value.ContainerName);

    // Why: containers are built here rather than registered, so one component's container never collides with another's.
    private static BlobContainerClient RulesContainer(IServiceProvider sp) =>
        sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value.ContainerName);

    private static void Base64(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;

    private static Uri Required(Uri? uri, string setting) =>
        uri ?? throw new OptionsValidationException(setting, typeof(StorageOptions), [$"{setting} is required when Storage__ConnectionString is not set"]);

    private static TokenCredential Credential(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
