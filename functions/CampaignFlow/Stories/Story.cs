namespace CampaignFlow.Stories;

/// <summary>A story as recorded in the ledger: what the feed said and, once classified, the verdict.</summary>
public sealed record Story
{
    /// <summary>Stable key: from the feed's guid, else the canonical link, else a hash of the content.</summary>
    public required string Id { get; init; }
    public required string Feed { get; init; }
    public string? Language { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string? Link { get; init; }
    public DateTimeOffset? Published { get; init; }
    public StoryStatus Status { get; init; } = StoryStatus.Pending;
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The release this story is a version of (see <see cref="ReleaseKey"/>); null when the link carries none.</summary>
    public string? ReleaseKey { get; init; }
    /// <summary>For a language version or re-publication: the story that was alerted for the release.</summary>
    public string? ReleaseOf { get; init; }
    /// <summary>On the alerted story: its other language versions, language to story id.</summary>
    public IReadOnlyDictionary<string, string> LanguageVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>How many times the feed changed the title or summary after the story was first seen.</summary>
    public int Updates { get; init; }
    public string? PreviousTitle { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>Whether the article's full text is in the story text store (blob container <c>stories</c>).</summary>
    public bool HasFullText { get; init; }
}
