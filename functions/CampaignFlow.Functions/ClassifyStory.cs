using CampaignFlow.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using CampaignFlow.Classification;

namespace CampaignFlow.Functions;

/// <summary>Queue trigger: classifies one story and raises an alert when it is relevant.</summary>
public sealed class ClassifyStory(StageRunner runner, IPipelineStage<StoryMessage, StoryVerdict> stage, ILogger<ClassifyStory> logger)
{
    [Function(nameof(ClassifyStory))]
    public Task RunAsync([QueueTrigger(QueueNames.Stories, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        runner.RunAsync<StoryMessage>(QueueNames.Stories, message, async (story, ct) =>
        {
            var verdict = await stage.HandleAsync(story, ct);
            logger.LogInformation("Classified {StoryId} as {Decision} ({Score})", story.StoryId, verdict.Decision, verdict.Score);
        }, cancellationToken);
}
