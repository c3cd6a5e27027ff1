using System.Globalization;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Delivery;

/// <summary>
/// The subject of a subscriber's signed links (unsubscribe, preferences): the subscriber id, then <c>:N</c> when their
/// <see cref="Subscriber.TokenVersion"/> is above 0. Staff raise the version (<c>subscribers revoke-links ADDRESS</c>) and
/// every link issued before stops working at once, for that one person; the next mail carries new links.
/// </summary>
public static class SubscriberLinks
{
    public static string Subject(Subscriber subscriber) =>
        subscriber.TokenVersion == 0 ? subscriber.Id : $"{subscriber.Id}:{subscriber.TokenVersion.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The subscriber a validated link subject names: Valid false when the subject is malformed or the link was revoked
    /// (its version is not the record's); Valid with no subscriber when no record has that id.
    /// </summary>
    public static async Task<(bool Valid, Subscriber? Subscriber)> ResolveAsync(ISubscriberStore store, string? subject, CancellationToken cancellationToken = default)
    {
        var parts = subject?.Split(':');
        var version = 0;
        if (parts is not { Length: 1 or 2 } || parts[0].Length == 0
            || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out version) || version == 0)))
        {
            return (false, null);
        }
        var subscriber = await store.GetAsync(parts[0], cancellationToken).ConfigureAwait(false);
        return subscriber is not null && subscriber.TokenVersion != version ? (false, null) : (true, subscriber);
    }
}
