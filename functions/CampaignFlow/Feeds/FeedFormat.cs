namespace CampaignFlow.Feeds;

/// <summary>The syndication format a document was recognised as.</summary>
public enum FeedFormat
{
    Other,
    Rss2,
    Rss1,
    Atom,
}
