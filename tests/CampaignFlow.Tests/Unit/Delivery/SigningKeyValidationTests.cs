using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Delivery;
using CampaignFlow.Functions;
using CampaignFlow.Tests.Support;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Unit.Delivery;

/// <summary>
/// The signing key is checked by the start-up validation the hosts run (ValidateOnStart, <see cref="IStartupValidator"/>):
/// through <c>AddCampaignFlow</c> as both hosts wire it, and through the Functions app's own container.
/// </summary>
public sealed class SigningKeyValidationTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "@Microsoft.KeyVault(VaultName=kv-x7q2mfa3b9c4d;SecretName=TokenSigningKey)", "unresolved Key Vault reference" },
        { "short", "at least 32 random bytes" },
        { new string('k', 40), "at least 32 random bytes" }, // 40 characters: accepted by the old 32-character check
        { "local-development-signing-key-change-me-0123456789", "at least 32 random bytes" },
        { Convert.ToBase64String(Encoding.UTF8.GetBytes("correct horse battery staple, correct horse battery staple")), "at least 32 random bytes" },
        { Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), "at least 32 random bytes" },
        { Convert.ToBase64String(Enumerable.Repeat((byte)0xA5, 48).ToArray()), "at least 32 random bytes" },
    };

    private static void Start(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCampaignFlow(configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static Dictionary<string, string?> Settings(string? key, string? previous = null) => new()
    {
        ["Feeds:Sources:0:Name"] = "test",
        ["Feeds:Sources:0:Url"] = "unused.xml",
        ["Email:PublicBaseUrl"] = "https://alerts.example.org",
        ["Tokens:SigningKey"] = key,
        ["Tokens:PreviousSigningKey"] = previous,
    };

    private static string Failure(Action start)
    {
        var error = Record.Exception(start);
        Assert.NotNull(error);
        var failures = error is AggregateException all ? all.InnerExceptions : [error];
        return string.Join("\n", failures.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void AKeyAnyoneCouldKnowStopsTheStartNamingTheSetting(string key, string why)
    {
        var message = Failure(() => Start(Settings(key)));

        Assert.Contains("setting Tokens__SigningKey", message);
        Assert.Contains(why, message);
    }

    [Fact]
    public void FreshRandomBytesStart() => Start(Settings(TestKeys.NewKey()));

    [Fact]
    public void AWeakPreviousKeyStopsTheStartTooAndAnUnresolvedPreviousReferenceMeansNone()
    {
        var weak = new PreviousSigningKey(DateTimeOffset.UtcNow.AddDays(30), new string('k', 40)).ToString();
        Assert.Contains("setting Tokens__PreviousSigningKey entry 1", Failure(() => Start(Settings(TestKeys.NewKey(), weak))));

        Start(Settings(TestKeys.NewKey(), "@Microsoft.KeyVault(VaultName=kv-x7q2mfa3b9c4d;SecretName=TokenSigningKeyPrevious)"));
    }

    [Fact]
    public void TheFunctionsAppRefusesAnUnresolvedKeyVaultReferenceAtStart()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Settings("@Microsoft.KeyVault(VaultName=kv-x7q2mfa3b9c4d;SecretName=TokenSigningKey)"))
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });
        builder.AddCampaignFlowFunctions();
        using var app = builder.Build();

        var message = Failure(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("setting Tokens__SigningKey is an unresolved Key Vault reference", message);
    }

    [Fact]
    public void EachPurposeSignsWithItsOwnDerivedKeySoARateLimitHashIsNeverAToken()
    {
        var key = TestKeys.NewKey();
        var tokens = new TokenService(Options.Create(new TokenOptions { SigningKey = key }), TimeProvider.System);
        var payload = "unsubscribe.sub1.0";
        string SignedWith(byte[] k) => $"{payload}.{System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(payload)))}";

        Assert.Equal("sub1", tokens.Validate("unsubscribe", tokens.Create("unsubscribe", "sub1")));
        Assert.Null(tokens.Validate("unsubscribe", SignedWith(SigningKeys.ForPurpose(key, "ratelimit"))));
        Assert.NotEqual(SigningKeys.ForPurpose(key, "ratelimit"), SigningKeys.ForPurpose(key, "token:unsubscribe"));
        Assert.NotEqual(Encoding.UTF8.GetBytes(key)[..32], SigningKeys.ForPurpose(key, "token:unsubscribe"));
    }
}
