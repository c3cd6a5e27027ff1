using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>
/// HTTP: the staff console, every route under <c>/staff</c>. Anonymous at the Functions level on purpose: App Service
/// authentication (Entra ID) signs people in, and <see cref="Web.Staff.StaffConsole"/> checks the staff role and the
/// anti-forgery token on every request before anything is read.
/// </summary>
public sealed class StaffConsole(Web.Staff.StaffConsole console)
{
    [Function(nameof(StaffConsole))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "staff/{*path}")] HttpRequest request, CancellationToken cancellationToken) =>
        console.HandleAsync(request, cancellationToken);
}
