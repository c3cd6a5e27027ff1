using CampaignFlow.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Functions;

/// <summary>HTTP (a function key: operators never need the host master key): feed health, queue depths and the last errors, as JSON.</summary>
public sealed class Status(StatusReport report, ILogger<Status> logger)
{
    [Function(nameof(Status))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/status")] HttpRequest request, CancellationToken cancellationToken)
    {
        var status = await report.BuildAsync(cancellationToken);
        logger.LogInformation("Status requested: {Feeds} feeds, {Errors} errors", status.Feeds.Count, status.LastErrors.Count);
        return new OkObjectResult(status);
    }
}
