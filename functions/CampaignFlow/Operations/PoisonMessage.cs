namespace CampaignFlow.Operations;

/// <summary>A message in a poison queue: the original body and, when the app put it there, the reason.</summary>
public sealed record PoisonMessage(string Queue, string Id, DateTimeOffset? InsertedOn, long DequeueCount, string Body, string? Reason, string Original);
