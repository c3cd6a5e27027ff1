namespace CampaignFlow.Delivery;

/// <summary>
/// The email provider refused a message. <see cref="Permanent"/> means retrying will not help; <see cref="StatusCode"/>
/// is the provider's HTTP status, or null when it never answered (timeout, unreachable).
/// </summary>
public sealed class EmailDeliveryException(string message, bool permanent, TimeSpan? retryAfter = null, int? statusCode = null) : Exception(message)
{
    public bool Permanent { get; } = permanent;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public int? StatusCode { get; } = statusCode;
}
