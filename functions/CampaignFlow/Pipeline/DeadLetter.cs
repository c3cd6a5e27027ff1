namespace CampaignFlow.Pipeline;

/// <summary>What lands in a poison queue when a message can never be processed: the original and the reason.</summary>
public sealed record DeadLetter(string Queue, string Reason, string Message, DateTimeOffset At, int V = 1);
