using System.ComponentModel.DataAnnotations;
using CampaignFlow.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Unit.Configuration;

/// <summary>Data-annotation failures name the app setting (the signing key's own rules: <c>SigningKeyValidationTests</c>).</summary>
public sealed class SettingsValidatorTests
{
    public sealed class SampleOptions
    {
        [Required, MinLength(32, ErrorMessage = "Sample__Secret must be at least 32 characters")]
        public string Secret { get; set; } = "";
    }

    private static IOptions<SampleOptions> Sample(string? secret)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Secret"] = secret }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<SampleOptions>("Sample");
        return services.BuildServiceProvider().GetRequiredService<IOptions<SampleOptions>>();
    }

    [Fact]
    public void NamesTheAppSettingInTheError()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Sample("short").Value);

        Assert.Contains("setting Sample__Secret:", error.Message);
        Assert.Contains("at least 32 characters", error.Message);
    }

    [Fact]
    public void AcceptsAValidSetting() => Assert.Equal(new string('k', 40), Sample(new string('k', 40)).Value.Secret);
}
