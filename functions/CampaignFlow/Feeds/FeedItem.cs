namespace CampaignFlow.Feeds;

/// <summary>One entry of a feed, as plain text (markup stripped, entities decoded).</summary>
public sealed record FeedItem
{
    /// <summary>The feed's own identifier: RSS guid, Atom id or RDF rdf:about.</summary>
    public string? Id { get; init; }
    public string? Title { get; init; }
    /// <summary>Absolute link to the article (relative links are resolved against the feed's base).</summary>
    public string? Link { get; init; }
    public string? Summary { get; init; }
    /// <summary>Full content as HTML when the feed carries it (content:encoded, Atom content).</summary>
    public string? ContentHtml { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? Author { get; init; }
}
