using System.Text.Json.Nodes;
using CampaignFlow.Telemetry;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>Alerts that fire when they should: what each rule's query counts, over what, and who hears of it.</summary>
public sealed class AlertRulesTests
{
    private static string Query(string rule) => InfraQueries.AlertRule(rule)["query"]!.ToString();

    private static JsonObject AlertsModule() => BicepTemplate.Module(BicepTemplate.Compiled(), "alerts");

    [Fact]
    public void FunctionFailuresCountsEachFailedExecutionOnceWithItsSampledItemCount()
    {
        var query = Query("function-failures");

        Assert.Matches(@"^(\[format\(')?requests \|", query);
        Assert.Contains("sum(itemCount)", query);
        Assert.DoesNotContain("exceptions", query); // an unhandled exception is also a failed request: counted once
        Assert.DoesNotContain("count()", query);
        Assert.Contains("parameters('functionFailureThreshold')", query);
    }

    [Fact]
    public void FeedStaleFiresOnAFeedWithNoNewContentForDays()
    {
        var query = Query("feed-stale");

        Assert.Contains($"name == \"{PipelineEvents.FeedHealth}\"", query);
        Assert.Contains("problem == \"stale\"", query);
        Assert.Contains("unchangedDays", query);
        Assert.Contains("parameters('feedStaleDays')", query);
        Assert.Equal("feedName", (string?)InfraQueries.AlertRule("feed-stale")["dimension"]);
    }

    [Fact]
    public void SendGridErrorsPagesOnAFailureRateAndNamesTheStatusCode()
    {
        var rule = InfraQueries.AlertRule("sendgrid-errors");
        var query = rule["query"]!.ToString();

        Assert.Contains($"\"{PipelineEvents.BatchSent}\"", query); // the rate's denominator: every attempt, sent or failed
        Assert.Contains($"\"{PipelineEvents.BatchFailed}\"", query);
        Assert.Contains("customDimensions.statusCode", query);
        Assert.Contains("parameters('sendGridFailureRatePercent')", query);
        Assert.Contains("parameters('sendGridFailureMinimum')", query);
        Assert.Equal("statusCode", (string?)rule["dimension"]);
    }

    [Fact]
    public void SendingPausedWatchesTheStateMonitorQueuesReportsEveryFiveMinutes()
    {
        var query = Query("sending-paused");

        Assert.Matches(@"^(\[format\(')?customMetrics \|", query);
        Assert.Contains($"name == \"{PipelineEvents.SendingState}\"", query);
        Assert.Contains("arg_max(timestamp", query); // the latest report decides: the alert resolves once sending resumes
    }

    [Fact]
    public void PollHeartbeatFiresWhenPollNewsFeedHasNotSucceededWithinTheWindow()
    {
        var rule = InfraQueries.AlertRule("poll-heartbeat");
        var query = rule["query"]!.ToString();

        Assert.Contains("\"PollNewsFeed\"", query);
        Assert.Contains("success == true", query);
        Assert.Contains("isnull(successes)", query); // a row when nothing succeeded: the rule counts rows
        Assert.Equal("[parameters('pollHeartbeatWindow')]", (string?)rule["windowSize"]);
        Assert.Equal("PT30M", (string?)AlertsModule()["parameters"]!["pollHeartbeatWindow"]!["defaultValue"]);
    }

    [Fact]
    public void LogDailyCapQueriesTheWorkspaceOperationLog()
    {
        var rule = InfraQueries.AlertRule("log-daily-cap");

        Assert.Equal("_LogOperation | where Category =~ \"Ingestion\" | where Detail contains \"OverQuota\"", (string?)rule["query"]);
        Assert.Equal("[parameters('logAnalyticsId')]", (string?)rule["scope"]);
        Assert.Contains("logAnalyticsId", BicepTemplate.Compiled()["resources"]!["alerts"]!["properties"]!["parameters"]!["logAnalyticsId"]!["value"]!.ToString());
    }

    [Fact]
    public void EveryRuleQueriesItsOwnScopeOverItsOwnWindow()
    {
        var alerts = AlertsModule();
        var loop = Assert.Single(BicepTemplate.ResourcesOfType(alerts, "Microsoft.Insights/scheduledQueryRules"));
        var properties = loop["properties"]!;

        Assert.Contains("scope", properties["scopes"]!.ToJsonString());
        Assert.Contains("windowSize", (string?)properties["windowSize"]);
        Assert.Contains("evaluationFrequency", (string?)properties["evaluationFrequency"]);
    }

    [Fact]
    public void TheActionGroupReachesOperatorsByEmailSmsAndWebhook()
    {
        var group = Assert.Single(BicepTemplate.ResourcesOfType(AlertsModule(), "Microsoft.Insights/actionGroups"));
        var properties = group["properties"]!.ToJsonString();
        var main = BicepTemplate.Compiled()["parameters"]!;

        Assert.Contains("emailReceivers", properties);
        Assert.Contains("smsReceivers", properties);
        Assert.Contains("webhookReceivers", properties);
        Assert.Equal("securestring", (string?)main["alertWebhookUrls"]!["type"]); // a Teams or PagerDuty URL carries its key
        Assert.Equal("string", (string?)main["alertSmsNumbers"]!["type"]);
        Assert.Equal("string", (string?)main["alertEmailAddresses"]!["type"]);
    }
}
