namespace CampaignFlow.Feeds;

/// <summary>What a fetch returned: the bytes, or nothing when the server said "not modified".</summary>
public sealed record FeedDocument(byte[]? Content, string? ContentType, Uri? BaseUri, string? ETag, string? LastModified)
{
    public bool NotModified => Content is null;
}
