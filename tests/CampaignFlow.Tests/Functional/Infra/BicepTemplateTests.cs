using System.Text.Json.Nodes;
using CampaignFlow.Azure.Storage;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

public sealed class BicepTemplateTests
{
    public static TheoryData<string, string> AppRoles => new()
    {
        { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner" },
        { "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor" },
        { "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor" },
        { "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User" },
        { "3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher" },
    };

    public static TheoryData<string> AlertRules => new()
    {
        "function-failures",
        "poison-messages",
        "feed-failing",
        "sendgrid-errors",
        "sending-paused",
        "delivery-uncertain",
        "feed-stale",
        "poll-heartbeat",
        "log-daily-cap",
    };

    // Every setting the app reads in Azure; the lead's settings test compares the code and the README with this.
    private static readonly string[] ExpectedAppSettings =
    [
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "Classification__UseBlobStorage",
        "Email__FromAddress",
        "Email__FromName",
        "Email__PublicBaseUrl",
        "Feeds__Sources__0__Language",
        "Feeds__Sources__0__Name",
        "Feeds__Sources__0__Url",
        "Feeds__Sources__1__Language",
        "Feeds__Sources__1__Name",
        "Feeds__Sources__1__Url",
        "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET",
        "PollNewsFeed__Schedule",
        "SendDigest__Schedule",
        "SendGrid__ApiKey",
        "SendGrid__WebhookVerificationKey",
        "Sending__Paused",
        "Staff__SignIn",
        "Storage__BlobServiceUri",
        "Storage__ClientId",
        "Storage__QueueServiceUri",
        "Storage__TableServiceUri",
        "Tokens__PreviousSigningKey",
        "Tokens__SigningKey",
    ];

    [Fact]
    public void BuildsWithNoErrorOrWarning()
    {
        var build = BicepTemplate.Build();

        Assert.True(build.ExitCode == 0, build.StandardError);
        Assert.Empty(build.Diagnostics);
        Assert.NotNull(BicepTemplate.Compiled()["resources"]);
    }

    [Fact]
    public void LintsWithNoErrorOrWarning()
    {
        var lint = BicepCli.Run("lint", BicepTemplate.MainBicepPath);

        Assert.True(lint.ExitCode == 0, lint.StandardError);
        Assert.Empty(lint.Diagnostics);
    }

    [Fact]
    public void StorageAccountAcceptsOnlyMicrosoftEntraId()
    {
        var storage = Assert.Single(BicepTemplate.ResourcesOfType(BicepTemplate.Compiled(), "Microsoft.Storage/storageAccounts"), r => r["existing"] is null);
        var properties = storage["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void DeclaresTheQueuesTablesAndContainersTheAppUses()
    {
        var compiled = BicepTemplate.Compiled();
        var main = compiled["resources"]!["storage"]!["properties"]!["parameters"]!;
        string[] Values(string parameter)
        {
            var value = main[parameter]!["value"]!;
            var array = value as JsonArray
                ?? compiled["variables"]![((string)value!)["[variables('".Length..^"')]".Length]]!.AsArray();
            return array.Select(v => (string)v!).ToArray();
        }

        Assert.Equal(["stories", "alerts", "deliveries", "digests"], Values("queueNames"));
        Assert.Equal(CampaignFlow.Pipeline.QueueNames.All, Values("queueNames")); // what StorageProvisioner creates locally, and each has a trigger
        Assert.Equal(["feedstate", "stories", "subscribers", "deliveries", "ratelimits", "providerevents", "staff"], Values("tableNames"));
        Assert.Equal(TableNames.All.Order(), Values("tableNames").Order()); // what StorageProvisioner creates locally
        Assert.Contains("config", Values("containerNames"));
    }

    [Theory]
    [MemberData(nameof(AppRoles))]
    public void AssignsRoleToTheAppIdentity(string roleDefinitionGuid, string roleName)
    {
        var compiled = BicepTemplate.Compiled();
        var rbac = compiled["resources"]!["rbac"]!["properties"]!;
        var template = rbac["template"]!.AsObject();
        var assignments = BicepTemplate.ResourcesOfType(template, "Microsoft.Authorization/roleAssignments");

        // roleDefinitionId is subscriptionResourceId('…/roleDefinitions', variables('roles').<name>): look the GUID up.
        string RoleGuid(JsonObject assignment)
        {
            var expression = (string)assignment["properties"]!["roleDefinitionId"]!;
            var match = System.Text.RegularExpressions.Regex.Match(expression, @"variables\('roles'\)\.(\w+)");
            return match.Success ? (string)template["variables"]!["roles"]![match.Groups[1].Value]! : expression;
        }

        var assignment = assignments.SingleOrDefault(a =>
            RoleGuid(a).Contains(roleDefinitionGuid, StringComparison.OrdinalIgnoreCase)
            && (string?)a["properties"]!["principalId"] == "[parameters('appPrincipalId')]");

        Assert.True(assignment is not null, $"{roleName} ({roleDefinitionGuid}) is not assigned to the app identity");
        Assert.Null(assignment!["condition"]);
        Assert.StartsWith("[guid(", (string?)assignment["name"]);
        Assert.Contains("identity').outputs.principalId", (string?)rbac["parameters"]!["appPrincipalId"]!["value"]);
    }

    [Theory]
    [InlineData("SendGrid__ApiKey", "SendGridApiKey")]
    [InlineData("Tokens__SigningKey", "TokenSigningKey")]
    [InlineData("MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", "StaffAuthClientSecret")]
    public void SecretSettingIsAKeyVaultReference(string setting, string secretName)
    {
        var value = BicepTemplate.AppSettings()[setting];

        Assert.Equal($"format('@Microsoft.KeyVault(VaultName={{0}};SecretName={secretName})', parameters('keyVaultName'))", value);
    }

    [Fact]
    public void KeyVaultReferencesResolveAsTheUserAssignedIdentity()
    {
        var api = BicepTemplate.Module(BicepTemplate.Compiled(), "api");
        var site = Assert.Single(BicepTemplate.ResourcesOfType(api, "Microsoft.Web/sites"), r => r["existing"] is null);

        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
    }

    [Fact]
    public void NoAppSettingCarriesAKeyOrConnectionSecret()
    {
        var settings = BicepTemplate.AppSettings();
        var compiledText = BicepTemplate.Build().StandardOutput;

        Assert.All(settings, s =>
        {
            Assert.DoesNotContain("AccountKey=", s.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("InstrumentationKey=", s.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", s.Value, StringComparison.OrdinalIgnoreCase);
        });
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys); // only the identity-based AzureWebJobsStorage__*
        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain("listKeys(", compiledText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", compiledText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyMicrosoftEntraIngestion()
    {
        var component = Assert.Single(BicepTemplate.ResourcesOfType(BicepTemplate.Compiled(), "Microsoft.Insights/components"), r => r["existing"] is null);

        Assert.True((bool)component["properties"]!["DisableLocalAuth"]!);
        Assert.Equal(
            "format('ClientId={0};Authorization=AAD', parameters('identityClientId'))",
            BicepTemplate.AppSettings()["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [MemberData(nameof(AlertRules))]
    public void DeclaresAlertRule(string ruleName)
    {
        var alerts = BicepTemplate.Module(BicepTemplate.Compiled(), "alerts");
        var rules = alerts["variables"]!["rules"]!.AsArray();
        var loop = Assert.Single(BicepTemplate.ResourcesOfType(alerts, "Microsoft.Insights/scheduledQueryRules"));

        var rule = rules.Single(r => (string?)r!["name"] == ruleName)!;
        Assert.Equal("[length(variables('rules'))]", (string?)loop["copy"]!["count"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)rule["query"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)rule["description"]));
    }

    [Fact]
    public void AlertsWatchTheEventsAndMetricsTheAppEmits()
    {
        var alerts = BicepTemplate.Module(BicepTemplate.Compiled(), "alerts");
        var queries = string.Join('\n', alerts["variables"]!["rules"]!.AsArray().Select(r => r!["query"]!.ToString()));

        Assert.Contains("queue.poison.depth", queries);
        Assert.Contains("\"feed.health\"", queries);
        Assert.Contains("consecutiveFailures", queries);
        Assert.Contains("parameters('feedFailureThreshold')", queries);
        Assert.Contains("\"email.batch.failed\"", queries);
        Assert.Contains("\"sending.state\"", queries);
        Assert.Contains("\"email.batch.uncertain\"", queries);
        Assert.Contains("success == false", queries);
    }

    [Fact]
    public void DeploysTheOperatorsWorkbook()
    {
        var workbookModule = BicepTemplate.Module(BicepTemplate.Compiled(), "workbook");
        var workbook = Assert.Single(BicepTemplate.ResourcesOfType(workbookModule, "Microsoft.Insights/workbooks"));
        var serialized = BicepTemplate.ResolveString(workbookModule, workbook["properties"]!["serializedData"]);
        var notebook = JsonNode.Parse(serialized)!;
        var queries = string.Join('\n', notebook["items"]!.AsArray()
            .Where(i => (int?)i!["type"] == 3).Select(i => (string?)i!["content"]!["query"]));

        Assert.Equal("Notebook/1.0", (string?)notebook["version"]);
        Assert.All(
            ["story.ingested", "story.classified", "alert.fanned-out", "email.batch.sent", "email.batch.failed", "sendgrid.events", "queue.depth", "feed.health"],
            name => Assert.Contains($"\"{name}\"", queries));
    }

    [Fact]
    public void FunctionAppRunsDotnetIsolated10OnFlexConsumption()
    {
        var api = BicepTemplate.Module(BicepTemplate.Compiled(), "api");
        var site = Assert.Single(BicepTemplate.ResourcesOfType(api, "Microsoft.Web/sites"), r => r["existing"] is null);
        var plan = Assert.Single(BicepTemplate.ResourcesOfType(api, "Microsoft.Web/serverfarms"));
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
    }

    [Fact]
    public void SetsEveryAppSettingTheAppReads()
    {
        Assert.Equal(ExpectedAppSettings.Order(StringComparer.Ordinal), BicepTemplate.AppSettingNames());
    }

    [Fact]
    public void DefaultFeedsAreTheEnglishAndNorwegianGovernmentFeeds()
    {
        var settings = BicepTemplate.AppSettings();

        Assert.Equal("https://www.regjeringen.no/en/rss/Rss/2581966/", settings["Feeds__Sources__0__Url"]);
        Assert.Equal("en", settings["Feeds__Sources__0__Language"]);
        Assert.Equal("https://www.regjeringen.no/no/rss/Rss/2581966/", settings["Feeds__Sources__1__Url"]);
        Assert.Equal("no", settings["Feeds__Sources__1__Language"]);
    }
}
