namespace CampaignFlow.Web.Subscriptions;

/// <summary>The result of opening or using a confirmation link, the subscriber's language and, once confirmed, their preferences link.</summary>
public sealed record ConfirmOutcome(ConfirmResult Result, string? Language = null, string? PreferencesUrl = null);
