using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Cli.Local;

/// <summary>The ExportSubscribers timer's work: the subscriber list to the state's <c>exports</c> container, daily at 04:00 UTC by default.</summary>
public sealed class ExportJob(SubscriberExport export) : ICronJob
{
    public const string Setting = "ExportSubscribers:Schedule";

    string ICronJob.Name => "subscriber export";
    string ICronJob.Setting => Setting;
    string ICronJob.DefaultSchedule => SubscriberExport.Schedule;
    bool ICronJob.RunsAtStart => false;

    public Task RunAsync(CancellationToken cancellationToken) => export.WriteAsync(cancellationToken);
}
