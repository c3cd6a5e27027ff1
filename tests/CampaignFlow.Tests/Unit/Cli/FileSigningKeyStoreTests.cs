using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Unit.Cli;

public sealed class FileSigningKeyStoreTests
{
    [Fact]
    public async Task RotatingKeepsLinksFromBeforeTheRotationValidInTheGracePeriod()
    {
        using var state = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
        var store = new FileSigningKeyStore(state.Path);
        var before = new TokenService(Options.Create(new TokenOptions { SigningKey = store.EnsureCurrent() }), clock);
        var link = before.Create("unsubscribe", "sub1");

        var previous = await SigningKeyRotation.RotateAsync(store, TimeSpan.FromDays(60), clock);
        var after = new TokenService(Options.Create(new TokenOptions { SigningKey = store.EnsureCurrent(), PreviousSigningKey = store.Previous() }), clock);

        Assert.Equal(clock.GetUtcNow().AddDays(60), previous.ValidUntil);
        Assert.NotEqual(previous.Key, store.EnsureCurrent());
        Assert.Equal("sub1", after.Validate("unsubscribe", link));
        clock.Advance(TimeSpan.FromDays(61));
        Assert.Null(after.Validate("unsubscribe", link));
    }

    [Fact]
    public async Task TwoRotationsWithinTheGracePeriodKeepLinksOfBothEarlierKeysValidUntilEachOnesOwnEnd()
    {
        using var state = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
        var store = new FileSigningKeyStore(state.Path);
        TokenService Service() => new(Options.Create(new TokenOptions { SigningKey = store.EnsureCurrent(), PreviousSigningKey = store.Previous() }), clock);
        var first = Service().Create("unsubscribe", "sub1");
        await SigningKeyRotation.RotateAsync(store, TimeSpan.FromDays(60), clock);
        clock.Advance(TimeSpan.FromDays(10));
        var second = Service().Create("unsubscribe", "sub2");

        await SigningKeyRotation.RotateAsync(store, TimeSpan.FromDays(60), clock);

        Assert.Equal(2, PreviousSigningKey.ParseAll(store.Previous()).Count);
        Assert.Equal("sub1", Service().Validate("unsubscribe", first));
        Assert.Equal("sub2", Service().Validate("unsubscribe", second));
        clock.Advance(TimeSpan.FromDays(51)); // day 61: the first key's grace is over, the second's is not
        Assert.Null(Service().Validate("unsubscribe", first));
        Assert.Equal("sub2", Service().Validate("unsubscribe", second));
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Null(Service().Validate("unsubscribe", second));
    }
}
