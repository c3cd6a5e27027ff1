namespace CampaignFlow.Operations;

/// <summary>How many messages wait on a stage queue and on its poison queue.</summary>
public sealed record QueueDepth(string Queue, int Messages, int Poison);
