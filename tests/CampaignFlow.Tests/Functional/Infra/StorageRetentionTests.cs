using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>Subscriber exports: a private container, versions and soft delete to undo a mistake, expiry, and an optional lock.</summary>
public sealed class StorageRetentionTests
{
    private static JsonObject StorageModule() => BicepTemplate.Module(BicepTemplate.Compiled(), "storage");

    private static JsonNode BlobService() =>
        BicepTemplate.ResourcesOfType(StorageModule(), "Microsoft.Storage/storageAccounts/blobServices").Single()["properties"]!;

    [Fact]
    public void ScheduledExportsGoToTheirOwnPrivateContainer()
    {
        var container = BicepTemplate.ResourcesOfType(StorageModule(), "Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(c => ((string?)c["name"] ?? "").Contains("exportContainerName", StringComparison.Ordinal));

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
        Assert.Equal("exports", (string?)BicepTemplate.Compiled()["variables"]!["exportContainerName"]);
    }

    [Fact]
    public void BlobsAreVersionedAndDeletedBlobsAndContainersCanBeRestored()
    {
        var blob = BlobService();

        Assert.True((bool)blob["isVersioningEnabled"]!);
        Assert.True((bool)blob["deleteRetentionPolicy"]!["enabled"]!);
        Assert.True((bool)blob["containerDeleteRetentionPolicy"]!["enabled"]!);
        Assert.Equal("[parameters('softDeleteRetentionDays')]", (string?)blob["deleteRetentionPolicy"]!["days"]);
    }

    [Fact]
    public void ExportsAndOldVersionsExpireByLifecyclePolicy()
    {
        var policy = Assert.Single(BicepTemplate.ResourcesOfType(StorageModule(), "Microsoft.Storage/storageAccounts/managementPolicies"));
        var text = policy["properties"]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("parameters('exportRetentionDays')", text);
        Assert.Contains("parameters('versionRetentionDays')", text);
        Assert.Contains("exportContainerName", text); // the prefix the exports rule matches
    }

    [Fact]
    public void ADeleteLockOnTheStorageAccountIsAParameter()
    {
        var storage = StorageModule();
        var lockResource = Assert.Single(BicepTemplate.ResourcesOfType(storage, "Microsoft.Authorization/locks"));

        Assert.Equal("[parameters('deleteLock')]", (string?)lockResource["condition"]);
        Assert.Equal("CanNotDelete", (string?)lockResource["properties"]!["level"]);
        Assert.False((bool)BicepTemplate.Compiled()["parameters"]!["storageDeleteLock"]!["defaultValue"]!); // azd down must work by default
    }
}
