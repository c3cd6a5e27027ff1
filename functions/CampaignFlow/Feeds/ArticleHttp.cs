namespace CampaignFlow.Feeds;

/// <summary>
/// The article client's handler: it connects only to the public addresses a host resolves to (<see cref="GuardedConnect"/>,
/// checked at connect time, so DNS cannot point an allowed name at 169.254.169.254), and follows no redirect by itself.
/// </summary>
public static class ArticleHttp
{
    public static SocketsHttpHandler PrimaryHandler(ArticleOptions articles)
    {
        var handler = GuardedConnect.Handler(allowLoopback: false, allowPrivate: articles.AllowPrivateAddresses);
        handler.AllowAutoRedirect = false;
        return handler;
    }
}
