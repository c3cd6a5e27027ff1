using CampaignFlow.Tests.Configuration;

namespace CampaignFlow.Tests.Unit.Configuration;

/// <summary>Every setting the code reads is documented; everything the infra deploys is read and documented.</summary>
public sealed class AppSettingsConsistencyTests
{
    [Fact]
    public void EverySettingTheCodeReadsIsInTheReadmeTable()
    {
        var missing = AppSettingsCatalog.ReadByCode().Except(AppSettingsCatalog.InReadme()).ToList();
        Assert.True(missing.Count == 0, "not in the README settings table: " + string.Join(", ", missing));
    }

    [Fact]
    public void EverySettingTheInfraDeploysIsReadByTheCodeOrThePlatform()
    {
        var known = AppSettingsCatalog.ReadByCode().Concat(AppSettingsCatalog.Platform).ToHashSet();
        var unread = AppSettingsCatalog.DeployedByInfra().Where(s => !known.Contains(s)).ToList();
        Assert.True(unread.Count == 0, "deployed but read by nothing: " + string.Join(", ", unread));
    }

    [Fact]
    public void EverySettingTheInfraDeploysIsInTheReadmeTable()
    {
        var missing = AppSettingsCatalog.DeployedByInfra().Except(AppSettingsCatalog.InReadme()).ToList();
        Assert.True(missing.Count == 0, "not in the README settings table: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryReadmeSettingExists()
    {
        var known = AppSettingsCatalog.ReadByCode().Concat(AppSettingsCatalog.Platform).Concat(AppSettingsCatalog.DeployedByInfra()).ToHashSet();
        var stale = AppSettingsCatalog.InReadme().Where(s => !known.Contains(s)).ToList();
        Assert.True(stale.Count == 0, "in the README but read or deployed by nothing: " + string.Join(", ", stale));
    }
}
