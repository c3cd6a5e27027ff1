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
}
