namespace CampaignFlow.Web.Subscriptions;

public enum UnsubscribeResult
{
    /// <summary>Broken link, or a POST without RFC 8058's <c>List-Unsubscribe=One-Click</c>.</summary>
    Invalid,
    /// <summary>A valid link opened (GET): ask for the click.</summary>
    Ask,
    /// <summary>A valid link opened (GET) of an address that no longer gets mail: say so rather than ask again.</summary>
    AlreadyUnsubscribed,
    /// <summary>Unsubscribed now (or was already).</summary>
    Unsubscribed,
}
