namespace CampaignFlow.Pipeline;

/// <summary>The Storage queues between the stages. Poison queues are these names plus "-poison".</summary>
public static class QueueNames
{
    public const string Stories = "stories";
    public const string Alerts = "alerts";
    public const string Deliveries = "deliveries";
    public const string Digests = "digests";

    public static IReadOnlyList<string> All { get; } = [Stories, Alerts, Deliveries, Digests];
}
