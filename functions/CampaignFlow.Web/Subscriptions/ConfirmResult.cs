namespace CampaignFlow.Web.Subscriptions;

public enum ConfirmResult
{
    /// <summary>Broken, expired or revoked link, or one issued before the subscriber left.</summary>
    Invalid,
    /// <summary>A valid link opened (GET): ask for the click that confirms, so mail scanners confirm nothing.</summary>
    Ask,
    /// <summary>Confirmed now, or already active.</summary>
    Confirmed,
}
