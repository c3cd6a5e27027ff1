using CampaignFlow.Configuration;
using CampaignFlow.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Unit.Configuration;

/// <summary>Data-annotation failures name the app setting (the signing key's own rules: <c>SigningKeyValidationTests</c>).</summary>
public sealed class SettingsValidatorTests
{
    private static IOptions<FeedOptions> Feeds(string? url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Name"] = url is null ? null : "test",
            ["Feeds:Sources:0:Url"] = url,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<FeedOptions>(FeedOptions.SectionName);
        return services.BuildServiceProvider().GetRequiredService<IOptions<FeedOptions>>();
    }

    [Fact]
    public void NamesTheAppSettingInTheError()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Feeds(null).Value);

        Assert.Contains("setting Feeds__Sources:", error.Message);
    }

    [Fact]
    public void AcceptsAValidSetting() => Assert.Equal("feed.xml", Assert.Single(Feeds("feed.xml").Value.Sources).Url);
}
