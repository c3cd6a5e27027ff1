namespace CampaignFlow.Tests.Support;

/// <summary>
/// Page-id prefixes no other test of this run shares: six digits (regjeringen's ids are digits), fixed length so that a
/// prefix followed by an item number can never equal another prefix followed by another number. Random prefixes
/// collided about once in 250 runs per class, and a collision made a story "not new".
/// </summary>
internal static class UniqueIds
{
    private static int _next = 100_000;

    public static string PagePrefix() =>
        Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
