namespace CampaignFlow.Feeds;

/// <summary>Turns fetched bytes into items; a port so the poller's "no parsing when unchanged" is observable.</summary>
public interface IFeedDocumentParser
{
    ParsedFeed Parse(FeedDocument document);
}
