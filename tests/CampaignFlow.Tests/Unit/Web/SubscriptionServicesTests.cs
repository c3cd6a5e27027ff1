using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web;
using CampaignFlow.Web.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Unit.Web;

/// <summary>The subscriber use cases as services, without a web server or storage: outcomes in, records and mail out.</summary>
public sealed class SubscriptionServicesTests
{
    private sealed class Limiter : IRateLimiter
    {
        public bool Down { get; set; }

        public Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default) =>
            Down ? throw new RateLimitUnavailableException("down", new TimeoutException()) : Task.FromResult(true);
    }

    private readonly InMemorySubscriberStore _store = new();
    private readonly RecordingEmailSender _mail = new();
    private readonly Limiter _limiter = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _services;

    public SubscriptionServicesTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tokens:SigningKey"] = TestKeys.Signing,
            ["Email:PublicBaseUrl"] = "https://alerts.example.org",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCampaignFlow(configuration);
        services.AddCampaignFlowWeb();
        services.Replace(ServiceDescriptor.Singleton<ISubscriberStore>(_store));
        services.Replace(ServiceDescriptor.Singleton<IRateLimiter>(_limiter));
        services.Replace(ServiceDescriptor.Singleton<IEmailSender>(_mail));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        _services = services.BuildServiceProvider();
    }

    private SignUpService SignUps => _services.GetRequiredService<SignUpService>();
    private ConfirmationService Confirmations => _services.GetRequiredService<ConfirmationService>();

    private string LastConfirmToken() => SubscriberSite.TokenIn(_mail.Sent.Last().Html, "/api/confirm");

    private static SignUpForm Form(string address, string language = "en", params string[] topics) =>
        new(address, null, new SubmittedChoices { Name = "Visitor", Language = language, Topics = topics });

    [Fact]
    public async Task ConfirmingAppliesTheChoicesSignedIntoTheLinkAndLeavesTheRecordAloneUntilThen()
    {
        var address = SubscriberSite.NewAddress();
        var original = Subscriber.Create(address) with { Name = "Owner", Language = "no", Status = SubscriberStatus.Unsubscribed, StatusChangedAt = _clock.GetUtcNow() };
        await _store.UpsertAsync(original);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await SignUps.SubscribeAsync(Form(address, "es", "clearance"), "192.0.2.1");

        Assert.Equal(new SignUpOutcome(SignUpResult.Accepted, "es"), outcome);
        Assert.Equal(original, await _store.GetAsync(original.Id));
        var confirmed = await Confirmations.ConfirmAsync(LastConfirmToken());
        var after = await _store.GetAsync(original.Id);
        Assert.Equal((ConfirmResult.Confirmed, "es"), (confirmed.Result, confirmed.Language));
        Assert.Equal(("Visitor", "es", SubscriberStatus.Active), (after!.Name, after.Language, after.Status));
        Assert.Equal(["clearance"], after.Topics);
        Assert.StartsWith("https://alerts.example.org/api/preferences?token=", confirmed.PreferencesUrl);
    }

    [Fact]
    public async Task TheWelcomeMailGoesOutOnceWhenTheSubscriberBecomesActive()
    {
        var address = SubscriberSite.NewAddress();
        await SignUps.SubscribeAsync(Form(address, "no"), "192.0.2.4");
        var link = LastConfirmToken();

        await Confirmations.ConfirmAsync(link);
        await Confirmations.ConfirmAsync(link);

        var welcome = Assert.Single(_mail.Sent, m => m.Categories.Contains("welcome"));
        Assert.Equal(address, welcome.To);
        Assert.Contains("https://alerts.example.org/api/preferences?token=", welcome.Html);
        Assert.Contains("https://alerts.example.org/api/unsubscribe?token=", welcome.Html);
    }

    [Fact]
    public async Task ALinkIssuedBeforeTheSubscriberLeftIsInvalidAndASuppressedAddressIsNeverMailed()
    {
        var address = SubscriberSite.NewAddress();
        await SignUps.SubscribeAsync(Form(address), "192.0.2.2");
        var link = LastConfirmToken();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var id = EmailAddress.Key(address);
        await _store.UpsertAsync((await _store.GetAsync(id))! with { Status = SubscriberStatus.Unsubscribed, StatusChangedAt = _clock.GetUtcNow() });

        Assert.Equal(ConfirmResult.Invalid, (await Confirmations.OpenAsync(link)).Result);
        Assert.Equal(ConfirmResult.Invalid, (await Confirmations.ConfirmAsync(link)).Result);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await _store.GetAsync(id))!.Status);

        await _store.UpsertAsync((await _store.GetAsync(id))! with { Status = SubscriberStatus.Suppressed });
        var sent = _mail.Sent.Count;
        Assert.Equal(SignUpResult.Accepted, (await SignUps.SubscribeAsync(Form(address), "192.0.2.2")).Result);
        Assert.Equal(sent, _mail.Sent.Count);
    }

    [Fact]
    public async Task ASignUpFailsClosedWhenTheLimiterCannotCount()
    {
        _limiter.Down = true;

        var outcome = await SignUps.SubscribeAsync(Form(SubscriberSite.NewAddress()), "192.0.2.3");

        Assert.Equal(SignUpResult.Unavailable, outcome.Result);
        Assert.Empty(_mail.Sent);
        Assert.False(await _store.AnyAsync());
    }
}
