namespace CampaignFlow.Pipeline;

/// <summary>A queue message that can never be processed; retrying will not help.</summary>
public sealed class InvalidMessageException(string message, Exception? inner = null) : Exception(message, inner);
