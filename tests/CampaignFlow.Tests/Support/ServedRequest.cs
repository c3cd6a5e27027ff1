namespace CampaignFlow.Tests.Support;

/// <summary>One request the <see cref="FeedServer"/> received.</summary>
public sealed record ServedRequest(string Path, string IfNoneMatch, string IfModifiedSince, string UserAgent);
