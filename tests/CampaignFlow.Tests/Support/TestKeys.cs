using System.Security.Cryptography;

namespace CampaignFlow.Tests.Support;

/// <summary>Keys the tests sign with: fresh random bytes per run, never a constant in the repository.</summary>
public static class TestKeys
{
    public static string Signing { get; } = NewKey();

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
