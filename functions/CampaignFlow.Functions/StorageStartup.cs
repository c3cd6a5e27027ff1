using Microsoft.Extensions.Hosting;
using CampaignFlow.Azure.Storage;

namespace CampaignFlow.Functions;

/// <summary>Makes sure queues, tables and containers exist when an instance starts (idempotent).</summary>
internal sealed class StorageStartup(StorageProvisioner provisioner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provisioner.EnsureAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
