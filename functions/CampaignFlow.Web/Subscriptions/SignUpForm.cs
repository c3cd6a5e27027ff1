namespace CampaignFlow.Web.Subscriptions;

/// <summary>A submitted sign-up: the address, the hidden honeypot field bots fill in, and the choices.</summary>
public sealed record SignUpForm(string? Email, string? Honeypot, SubmittedChoices Choices);
