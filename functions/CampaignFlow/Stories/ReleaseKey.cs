using CampaignFlow.Feeds;

namespace CampaignFlow.Stories;

/// <summary>
/// The key shared by the language versions of one release: the host plus the id a configured pattern finds in the
/// link (regjeringen.no: <c>/en/aktuelt/x/id2581966/</c> and <c>/no/aktuelt/y/id2581966/</c> are one release).
/// </summary>
public static class ReleaseKey
{
    public static string? For(string? link, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(link) || string.IsNullOrWhiteSpace(pattern) || !Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var match = BoundedRegex.Match(pattern, uri.AbsolutePath);
        var key = match?.Groups["key"] is { Success: true } group ? group.Value : null;
        return key is null ? null : uri.Host.ToLowerInvariant() + "/" + key;
    }
}
