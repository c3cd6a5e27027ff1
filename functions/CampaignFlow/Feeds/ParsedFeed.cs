namespace CampaignFlow.Feeds;

/// <summary>The result of parsing one feed document.</summary>
public sealed record ParsedFeed
{
    public required FeedFormat Format { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    /// <summary>Atom id of the feed, or the RDF channel's rdf:about.</summary>
    public string? Id { get; init; }
    /// <summary>The first author (Atom author name, managingEditor, dc:creator).</summary>
    public string? Author { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>RSS pubDate, dcterms:issued, Atom published (0.3: issued), in UTC.</summary>
    public DateTimeOffset? Published { get; init; }
    /// <summary>RSS lastBuildDate, dc:date, dcterms:modified, Atom updated (0.3: modified), in UTC.</summary>
    public DateTimeOffset? Updated { get; init; }
    public IReadOnlyList<FeedItem> Items { get; init; } = [];
    /// <summary>What was wrong with the document and was recovered from.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
