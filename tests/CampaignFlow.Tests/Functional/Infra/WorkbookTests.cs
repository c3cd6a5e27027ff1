using CampaignFlow.Telemetry;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>The operators' workbook shows what the app really emits, and one story's way through the pipeline.</summary>
public sealed class WorkbookTests
{
    [Fact]
    public void EmailTilesCountTheBatchesSentAndFailedAndTheAddressesSendGridSuppressed()
    {
        var query = InfraQueries.WorkbookQueries()["emails-per-day"];

        Assert.Contains($"\"{PipelineEvents.BatchSent}\"", query);
        Assert.Contains($"\"{PipelineEvents.BatchFailed}\"", query);
        Assert.Contains($"\"{PipelineEvents.SendGridEvents}\"", query);
        Assert.Contains("customMeasurements[\"count\"]", query); // recipients per batch, as BatchDelivery reports them
        Assert.Contains("customMeasurements.suppressed", query);
    }

    [Fact]
    public void TheFirstTileShowsHealthAtAGlanceAsTheStatusCommandDoes()
    {
        var first = InfraQueries.WorkbookItems().First(i => (int?)i["type"] == 3);

        Assert.Equal("at-a-glance", (string?)first["name"]);
        var query = (string)first["content"]!["query"]!;
        Assert.All(
            [PipelineEvents.FeedPolled, PipelineEvents.QueueDepth, PipelineEvents.PoisonDepth, PipelineEvents.SendingState, PipelineEvents.BatchSent],
            name => Assert.Contains($"\"{name}\"", query));
        Assert.Contains("customDimensions.reason", query); // why sending is paused: switch, setting or automatic
    }

    [Fact]
    public void AStoryIdParameterDrillsDownIntoThatStorysRunHistory()
    {
        var items = InfraQueries.WorkbookItems().ToList();
        var parameter = items
            .Where(i => (int?)i["type"] == 9)
            .SelectMany(i => i["content"]!["parameters"]!.AsArray())
            .SingleOrDefault(p => (string?)p!["name"] == "StoryId");
        var drill = items.SingleOrDefault(i => (string?)i["name"] == "story-run-history");

        Assert.NotNull(parameter);
        Assert.Equal(1, (int?)parameter!["type"]); // free text: paste a story id from a log, an alert or the list of recent stories
        Assert.NotNull(drill);
        var query = (string)drill!["content"]!["query"]!;
        Assert.Contains("{StoryId}", query);
        Assert.Contains("customDimensions.storyId", query);
        Assert.All(
            [PipelineEvents.StoryIngested, PipelineEvents.StoryClassified, PipelineEvents.AlertFannedOut, PipelineEvents.BatchSent, PipelineEvents.BatchFailed, PipelineEvents.BatchUncertain, PipelineEvents.SendingPaused],
            name => Assert.Contains($"\"{name}\"", query));
        Assert.Contains("exceptions", query); // the failures of the same operations, in order
        Assert.Equal("StoryId", (string?)drill["conditionalVisibility"]!["parameterName"]);
    }

    [Fact]
    public void RecentStoriesExportTheSelectedStoryIdToTheDrillDown()
    {
        var list = InfraQueries.WorkbookItems().Single(i => (string?)i["name"] == "recent-stories");

        Assert.Equal("storyId", (string?)list["content"]!["exportFieldName"]);
        Assert.Equal("StoryId", (string?)list["content"]!["exportParameterName"]);
    }

    [Fact]
    public void FeedHealthShowsEveryFeedFromItsPollsNotOnlyTheFailingOnes()
    {
        var query = InfraQueries.WorkbookQueries()["feed-health"];

        Assert.Contains($"\"{PipelineEvents.FeedPolled}\"", query); // emitted on every poll; feed.health only on a problem
        Assert.Contains($"\"{PipelineEvents.FeedHealth}\"", query);
    }

    [Fact]
    public void SendingStateIsChartedFromTheMonitorQueuesMetric()
    {
        Assert.Contains(InfraQueries.WorkbookQueries().Values, q => q.Contains($"\"{PipelineEvents.SendingState}\"", StringComparison.Ordinal));
    }
}
