using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>
/// Provisioning must not undo a rotation: each secret is written into a vault once (the outputs azd keeps tell the next
/// provision where it already is), the signing key is generated only then, and a redeploy after <c>azd down</c> can
/// take a new vault name.
/// </summary>
public sealed class KeyVaultSecretsTests
{
    private static JsonObject KeyVaultModule() => BicepTemplate.Module(BicepTemplate.Compiled(), "keyvault");

    private static JsonObject Secret(string name) =>
        BicepTemplate.ResourcesOfType(KeyVaultModule(), "Microsoft.KeyVault/vaults/secrets")
            .Single(r => ((string?)r["name"] ?? "").EndsWith($"'{name}')]", StringComparison.Ordinal) || (string?)r["name"] == name
                || ((string?)r["name"] ?? "").EndsWith($"/{name}", StringComparison.Ordinal));

    private static JsonObject ParametersFile() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot, "infra", "main.parameters.json")))!["parameters"]!.AsObject();

    private static string Docs() => File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot, "docs", "operations.md"));

    [Theory]
    [InlineData("SendGridApiKey", "sendGridApiKeyVault", "CAMPAIGNFLOW_SENDGRID_API_KEY_VAULT")]
    [InlineData("TokenSigningKey", "tokenSigningKeyVault", "CAMPAIGNFLOW_TOKEN_SIGNING_KEY_VAULT")]
    public void ASecretIsWrittenOnlyIntoAVaultThatDoesNotHaveItYet(string secret, string memoryParameter, string memoryOutput)
    {
        var compiled = BicepTemplate.Compiled();
        Assert.NotNull(Secret(secret)["condition"]); // never written unconditionally
        var condition = BicepTemplate.ResolveString(KeyVaultModule(), Secret(secret)["condition"]);

        Assert.Contains($"parameters('{memoryParameter}')", condition);
        Assert.Contains("parameters('name')", condition); // compared with this deployment's vault
        // azd keeps the output in the environment and maps it back: the next provision knows the secret is there.
        Assert.NotNull(compiled["outputs"]![memoryOutput]);
        Assert.Equal($"${{{memoryOutput}}}", (string?)ParametersFile()[memoryParameter]!["value"]);
    }

    [Fact]
    public void TheSigningKeyIsGeneratedOnFirstDeployFromFreshRandomnessAndNeverComesFromTheEnvironment()
    {
        var main = BicepTemplate.Compiled()["parameters"]!;
        var secret = Secret("TokenSigningKey");

        Assert.Equal("securestring", (string?)main["newTokenSigningKey"]!["type"]);
        Assert.Contains("newGuid()", (string?)main["newTokenSigningKey"]!["defaultValue"]);
        Assert.Contains("parameters('createTokenSigningKey')", BicepTemplate.ResolveString(KeyVaultModule(), secret["condition"]));
        Assert.False((bool)main["createTokenSigningKey"]!["defaultValue"]!); // a bare `az deployment` never makes a new key
        Assert.Equal("${CAMPAIGNFLOW_CREATE_TOKEN_SIGNING_KEY=true}", (string?)ParametersFile()["createTokenSigningKey"]!["value"]);
        Assert.Null(main["tokenSigningKey"]);
        Assert.DoesNotContain("TOKEN_SIGNING_KEY}", ParametersFile().ToJsonString());
    }

    [Fact]
    public void DocsSetSecretsWithSetSecretAndThePlainAzPathReusesTheLastRunsOutputs()
    {
        var docs = Docs();

        Assert.Contains("azd env set-secret SENDGRID_API_KEY", docs);
        Assert.DoesNotMatch(new Regex(@"azd env set (SENDGRID_API_KEY|TOKEN_SIGNING_KEY)\b"), docs);
        Assert.DoesNotContain("tokenSigningKey=\"$(openssl", docs);
        Assert.Contains("tokenSigningKeyVault=", docs);
        Assert.Contains("sendGridApiKeyVault=", docs);
    }

    [Fact]
    public void TheKeyVaultNameTakesASaltSoARedeployAfterAzdDownCanUseANewName()
    {
        var compiled = BicepTemplate.Compiled();
        var name = (string?)compiled["variables"]!["keyVaultName"];

        Assert.Contains("parameters('keyVaultNameSalt')", name);
        Assert.Equal("", (string?)compiled["parameters"]!["keyVaultNameSalt"]!["defaultValue"]); // existing vaults keep their name
        Assert.Equal("${CAMPAIGNFLOW_KEYVAULT_NAME_SALT}", (string?)ParametersFile()["keyVaultNameSalt"]!["value"]);
        Assert.Contains("azd down --purge", Docs());
    }
}
