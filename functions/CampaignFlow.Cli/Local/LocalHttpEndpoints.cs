using CampaignFlow.Web;
using CampaignFlow.Web.Http;
using CampaignFlow.Web.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The Functions app's HTTP endpoints on the local host: a Kestrel minimal API on 127.0.0.1:7071 (the port the
/// Functions host uses, so <c>Email__PublicBaseUrl</c> links work) with the same adapter, the same pages and the same
/// middleware as the Functions worker (<see cref="FunctionsWorkerPipeline"/>).
/// </summary>
public sealed class LocalHttpEndpoints(SubscriptionHttp handlers, StaffConsole staff, ILogger<LocalHttpEndpoints> logger) : IHostedService, IAsyncDisposable
{
    public const string Url = "http://127.0.0.1:7071";
    /// <summary>The staff console, at the same path as on the Functions app.</summary>
    public const string ConsoleUrl = Url + StaffConsole.BasePath;
    private static readonly string[] ConsoleMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(handlers);
        builder.Services.AddSingleton(staff);
        builder.Services.AddCampaignFlowPages();
        builder.Services.AddFunctionsWorkerForwardedHeaders();
        _app = builder.Build();
        _app.UseFunctionsWorkerMiddleware();
        _app.MapCampaignFlowEndpoints();
        // Every path under /staff goes to the console's one door, which checks sign-in, role and anti-forgery itself.
        _app.MapMethods(StaffConsole.BasePath + "/{**path}", ConsoleMethods, (HttpRequest r, StaffConsole c, CancellationToken ct) => c.HandleAsync(r, ct)).DisableAntiforgery();
        await _app.StartAsync(cancellationToken);
        logger.LogInformation("HTTP endpoints on {Url}/api (subscribe, confirm, preferences, unsubscribe, sendgrid/events)", Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
