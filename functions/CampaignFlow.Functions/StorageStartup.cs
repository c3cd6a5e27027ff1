using CampaignFlow.Storage;
using Microsoft.Extensions.Hosting;

namespace CampaignFlow.Functions;

/// <summary>Makes sure queues, tables and containers exist when an instance starts (idempotent).</summary>
internal sealed class StorageStartup(StorageProvisioner provisioner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provisioner.EnsureAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
