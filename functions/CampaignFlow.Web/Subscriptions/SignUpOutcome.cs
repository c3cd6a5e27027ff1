namespace CampaignFlow.Web.Subscriptions;

/// <summary>The result of a sign-up and the language to answer in (the one chosen on the form, when it is one of ours).</summary>
public sealed record SignUpOutcome(SignUpResult Result, string? Language);
