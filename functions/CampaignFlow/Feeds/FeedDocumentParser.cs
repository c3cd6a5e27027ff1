namespace CampaignFlow.Feeds;

/// <summary>The production parser: <see cref="FeedParser"/>.</summary>
public sealed class FeedDocumentParser : IFeedDocumentParser
{
    public ParsedFeed Parse(FeedDocument document) => FeedParser.Parse(document.Content!, document.ContentType, document.BaseUri);
}
