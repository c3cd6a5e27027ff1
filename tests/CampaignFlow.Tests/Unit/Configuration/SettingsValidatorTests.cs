using CampaignFlow.Configuration;
using CampaignFlow.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Unit.Configuration;

public sealed class SettingsValidatorTests
{
    private static IOptions<TokenOptions> Tokens(string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tokens:SigningKey"] = key }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<TokenOptions>(TokenOptions.SectionName);
        return services.BuildServiceProvider().GetRequiredService<IOptions<TokenOptions>>();
    }

    [Fact]
    public void NamesTheAppSettingInTheError()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Tokens("short").Value);

        Assert.Contains("setting Tokens__SigningKey:", error.Message);
        Assert.Contains("at least 32 characters", error.Message);
    }

    [Fact]
    public void AcceptsAValidSetting() => Assert.Equal(new string('k', 40), Tokens(new string('k', 40)).Value.SigningKey);
}
