namespace CampaignFlow.Web.Subscriptions;

public enum UnsubscribeResult
{
    /// <summary>Broken link, or a POST without RFC 8058's <c>List-Unsubscribe=One-Click</c>.</summary>
    Invalid,
    /// <summary>A valid link opened (GET): ask for the click.</summary>
    Ask,
    /// <summary>Unsubscribed now (or was already).</summary>
    Unsubscribed,
}
