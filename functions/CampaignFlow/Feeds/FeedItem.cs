namespace CampaignFlow.Feeds;

/// <summary>One entry of a feed, as plain text (markup stripped, entities decoded).</summary>
public sealed record FeedItem
{
    /// <summary>The feed's own identifier: RSS guid, Atom id or RDF rdf:about.</summary>
    public string? Id { get; init; }
    public string? Title { get; init; }
    /// <summary>Absolute link to the article (relative links are resolved against the feed's base).</summary>
    public string? Link { get; init; }
    /// <summary>Plain text of the RSS description or Atom summary (else of the content).</summary>
    public string? Summary { get; init; }
    /// <summary>Full content as HTML when the feed carries it (content:encoded, Atom content).</summary>
    public string? ContentHtml { get; init; }
    /// <summary>RSS pubDate, dcterms:issued, Atom published (0.3: issued), in UTC.</summary>
    public DateTimeOffset? Published { get; init; }
    /// <summary>dc:date, dcterms:modified, Atom updated (0.3: modified), in UTC.</summary>
    public DateTimeOffset? Updated { get; init; }
    /// <summary>The first author's name.</summary>
    public string? Author { get; init; }
    /// <summary>Every author's name (RSS author, dc:creator, Atom author/name).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
}
