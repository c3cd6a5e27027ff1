using CampaignFlow.Web;
using CampaignFlow.Web.Http;
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
public sealed class LocalHttpEndpoints(SubscriptionHttp handlers, ILogger<LocalHttpEndpoints> logger) : IHostedService, IAsyncDisposable
{
    public const string Url = "http://127.0.0.1:7071";
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(handlers);
        builder.Services.AddCampaignFlowPages();
        builder.Services.AddFunctionsWorkerForwardedHeaders();
        _app = builder.Build();
        _app.UseFunctionsWorkerMiddleware();
        _app.MapCampaignFlowEndpoints();
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
