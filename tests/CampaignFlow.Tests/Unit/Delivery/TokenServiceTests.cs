using CampaignFlow.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Unit.Delivery;

public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private TokenService Service(string key = "0123456789abcdef0123456789abcdef-key") => new(Options.Create(new TokenOptions { SigningKey = key }), _clock);

    [Fact]
    public void AcceptsItsOwnTokenForTheSamePurpose() =>
        Assert.Equal("sub1", Service().Validate("unsubscribe", Service().Create("unsubscribe", "sub1")));

    [Fact]
    public void RejectsATokenForAnotherPurpose() =>
        Assert.Null(Service().Validate("preferences", Service().Create("unsubscribe", "sub1")));

    [Fact]
    public void RejectsATamperedSubject()
    {
        var token = Service().Create("unsubscribe", "sub1");
        Assert.Null(Service().Validate("unsubscribe", token.Replace("sub1", "sub2")));
    }

    [Fact]
    public void RejectsATokenSignedWithAnotherKey() =>
        Assert.Null(Service().Validate("unsubscribe", Service("another-key-another-key-another-key-0").Create("unsubscribe", "sub1")));

    [Fact]
    public void RejectsAnExpiredToken()
    {
        var token = Service().Create("confirm", "sub1", TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(Service().Validate("confirm", token));
    }

    private TokenService Rotated(string current, string? previous) =>
        new(Options.Create(new TokenOptions { SigningKey = current, PreviousSigningKey = previous }), _clock);

    [Fact]
    public void AcceptsLinksSignedWithThePreviousKeyDuringTheGracePeriod()
    {
        var oldKey = "0123456789abcdef0123456789abcdef-old";
        var token = Service(oldKey).Create("unsubscribe", "sub1");
        var previous = new PreviousSigningKey(_clock.GetUtcNow().AddDays(30), oldKey).ToString();

        Assert.Equal("sub1", Rotated("0123456789abcdef0123456789abcdef-new", previous).Validate("unsubscribe", token));
    }

    [Fact]
    public void RejectsLinksSignedWithThePreviousKeyAfterTheGracePeriod()
    {
        var oldKey = "0123456789abcdef0123456789abcdef-old";
        var token = Service(oldKey).Create("unsubscribe", "sub1");
        var previous = new PreviousSigningKey(_clock.GetUtcNow().AddDays(30), oldKey).ToString();
        _clock.Advance(TimeSpan.FromDays(31));

        Assert.Null(Rotated("0123456789abcdef0123456789abcdef-new", previous).Validate("unsubscribe", token));
    }

    [Fact]
    public void SignsNewLinksWithTheCurrentKeyOnly()
    {
        var previous = new PreviousSigningKey(_clock.GetUtcNow().AddDays(30), "0123456789abcdef0123456789abcdef-old").ToString();
        var token = Rotated("0123456789abcdef0123456789abcdef-new", previous).Create("unsubscribe", "sub1");

        Assert.Equal("sub1", Service("0123456789abcdef0123456789abcdef-new").Validate("unsubscribe", token));
    }

    [Fact]
    public void IgnoresAnUnresolvedKeyVaultReferenceAsThePreviousKey() =>
        Assert.Null(PreviousSigningKey.Parse("@Microsoft.KeyVault(VaultName=kv;SecretName=TokenSigningKeyPrevious)"));
}
