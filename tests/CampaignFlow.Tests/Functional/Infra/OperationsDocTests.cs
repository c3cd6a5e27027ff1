using System.Text.Json.Nodes;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>docs/operations.md describes the app as built: the webhook's real route and auth, the kill switch, every timer's cost.</summary>
public sealed class OperationsDocTests
{
    private static string Docs() => File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot, "docs", "operations.md"));

    private static JsonObject Trigger(string function)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(BicepTemplate.RepositoryRoot, "functions", "CampaignFlow.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .Single(f => (string?)f!["name"] == function)!["bindings"]!.AsArray()
            .Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();
    }

    [Fact]
    public void TheWebhookStepNamesTheRealRouteAndNoFunctionKey()
    {
        var trigger = Trigger("SendGridEvents");
        var docs = Docs();

        Assert.Equal("anonymous", ((string?)trigger["authLevel"])?.ToLowerInvariant());
        Assert.Contains($"/{trigger["route"]}", docs);
        Assert.DoesNotContain("function keys list", docs);
        Assert.DoesNotContain("<events function>", docs);
    }

    [Fact]
    public void TheKillSwitchIsTheSendingCommandNotAPlan()
    {
        var docs = Docs();

        Assert.Contains("./campaignflow sending pause", docs);
        Assert.Contains("sending status", docs);
        Assert.DoesNotContain("Planned: `./campaignflow sending", docs);
    }

    [Fact]
    public void TheCostTableCountsEveryTimer()
    {
        var docs = Docs();
        var timers = new[] { "PollNewsFeed", "SendDigest", "MonitorQueues" };

        Assert.All(timers, timer => Assert.Contains($"| {timer}", docs));
    }
}
