namespace CampaignFlow.Staff;

/// <summary>
/// One thing a person did in the staff console or the staff CLI (approve, reject, send, publish, rollback, forget,
/// import …): who, when, on what, and a short detail. Never an email address.
/// </summary>
/// <remarks>Subject: What it was done to: a story id, <c>rules</c>, <c>subscribers</c>.</remarks>
public sealed record StaffAction(string Who, DateTimeOffset At, string Action, string Subject, string? Detail = null);
