namespace CampaignFlow.Subscribers;

/// <summary>
/// The rate limiter could not count a hit (its storage is unreachable). Sign-ups fail closed on it: the limit is the only
/// thing between a bot and a flood of confirmation mails, and the sign-up could not be recorded either.
/// </summary>
public sealed class RateLimitUnavailableException(string message, Exception innerException) : Exception(message, innerException);
