namespace CampaignFlow.Feeds;

/// <summary>The document cannot be used as a feed; the message is a one-line reason.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
