namespace CampaignFlow.Staff;

/// <summary>
/// One-time sign-in codes for the local console (<c>./campaignflow run</c> prints one): a code signs in once, within its
/// lifetime; the same code again signs nobody in, on any instance.
/// </summary>
public interface IStaffSignInLinks
{
    /// <summary>A new code for <paramref name="who"/>, good once until <paramref name="expires"/>.</summary>
    Task<string> IssueAsync(string who, DateTimeOffset expires, CancellationToken cancellationToken = default);

    /// <summary>The person the code was issued to, the first time it is redeemed in time; null otherwise.</summary>
    Task<string?> RedeemAsync(string? code, CancellationToken cancellationToken = default);
}
