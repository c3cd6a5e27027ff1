namespace CampaignFlow.Feeds;

/// <summary>Applies a feed's <see cref="FeedFilter"/> to its items.</summary>
public static class FeedItemFilter
{
    public static bool Keeps(FeedFilter filter, FeedItem item)
    {
        if (filter.IsEmpty)
        {
            return true;
        }
        if (filter.Publishers.Count > 0
            && !filter.Publishers.Any(p => item.Author?.Contains(p, StringComparison.OrdinalIgnoreCase) == true))
        {
            return false;
        }
        return string.IsNullOrWhiteSpace(filter.LinkPattern)
            || (item.Link is not null && BoundedRegex.Match(filter.LinkPattern, item.Link) is not null);
    }
}
