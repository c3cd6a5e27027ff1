using System.Text.Json.Nodes;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Functional.Functions;

/// <summary>Reads the functions.metadata the Functions SDK generated at build: what the Azure host will index.</summary>
public sealed class FunctionsMetadataTests
{
    private static JsonArray Metadata()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var path = Path.Combine(RepositoryRoot.Find(), "functions", "CampaignFlow.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    private static JsonObject Trigger(string function) =>
        Metadata().Single(f => (string?)f!["name"] == function)!["bindings"]!.AsArray().Single(b => ((string?)b!["type"])!.EndsWith("Trigger"))!.AsObject();

    [Fact]
    public void PollNewsFeedIsATimerOnTheScheduleSetting()
    {
        var trigger = Trigger("PollNewsFeed");
        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal("%PollNewsFeed__Schedule%", (string?)trigger["schedule"]);
    }

    [Fact]
    public void SendDigestIsATimerOnItsScheduleSetting()
    {
        var trigger = Trigger("SendDigest");
        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal("%SendDigest__Schedule%", (string?)trigger["schedule"]);
    }

    [Theory]
    [InlineData("Subscribe", "api/subscribe")]
    [InlineData("Confirm", "api/confirm")]
    [InlineData("Preferences", "api/preferences")]
    [InlineData("Unsubscribe", "api/unsubscribe")]
    [InlineData("SendGridEvents", "api/sendgrid/events")]
    public void HttpEndpointsAreAnonymousOnTheirRoutes(string function, string route)
    {
        var trigger = Trigger(function);
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal("Anonymous", (string?)trigger["authLevel"], ignoreCase: true);
    }

    [Fact]
    public void TheStaffConsoleTakesEveryPathUnderStaffAndChecksSignInItself()
    {
        var trigger = Trigger("StaffConsole");
        Assert.Equal("staff/{*path}", (string?)trigger["route"]);
        // Anonymous at the Functions level: App Service authentication signs people in, the console checks the role.
        Assert.Equal("Anonymous", (string?)trigger["authLevel"], ignoreCase: true);
    }

    [Fact]
    public void StatusNeedsAFunctionKeyNotTheMasterKey()
    {
        var trigger = Trigger("Status");
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal("Function", (string?)trigger["authLevel"], ignoreCase: true);
    }

    [Theory]
    [InlineData("ClassifyStory", "stories")]
    [InlineData("NotifySubscribers", "alerts")]
    [InlineData("DeliverBatch", "deliveries")]
    [InlineData("DeliverDigest", "digests")]
    public void QueueStagesListenOnTheirQueueWithTheHostStorageConnection(string function, string queue)
    {
        var trigger = Trigger(function);
        Assert.Equal("queueTrigger", (string?)trigger["type"]);
        Assert.Equal(queue, (string?)trigger["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)trigger["connection"]);
    }

    [Fact]
    public void DeclaresThePipelineFunctions()
    {
        var names = Metadata().Select(f => (string?)f!["name"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "PollNewsFeed", "ClassifyStory", "NotifySubscribers", "DeliverBatch", "SendDigest", "DeliverDigest" }, names);
    }
}
