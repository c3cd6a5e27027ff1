namespace CampaignFlow.Delivery;

/// <summary>The email provider refused a message. <see cref="Permanent"/> means retrying will not help.</summary>
public sealed class EmailDeliveryException(string message, bool permanent, TimeSpan? retryAfter = null) : Exception(message)
{
    public bool Permanent { get; } = permanent;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
