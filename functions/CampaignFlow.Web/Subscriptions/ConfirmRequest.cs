namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// What a valid confirmation link carries: the subscriber id, when the link was issued, and the choices made on the
/// form (null on links issued before choices travelled in the link).
/// </summary>
public sealed record ConfirmRequest(string SubscriberId, DateTimeOffset? IssuedAt, ConfirmedChoices? Choices);
