using CampaignFlow.Functions;
using CampaignFlow.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Unit.Web;

/// <summary>The local host's HTTP pipeline and logging are the Functions worker's, read from the worker's own container.</summary>
public sealed class FunctionsWorkerPipelineTests
{
    private static IServiceProvider FunctionsApp()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        builder.AddCampaignFlowFunctions();
        return builder.Build().Services;
    }

    [Fact]
    public void TheLocalHostProcessesForwardedHeadersWithTheWorkersOptions()
    {
        var worker = FunctionsApp().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        var local = new ServiceCollection().AddFunctionsWorkerForwardedHeaders().BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(worker.ForwardedHeaders, local.ForwardedHeaders);
        Assert.Equal(worker.ForwardLimit, local.ForwardLimit);
        Assert.Equal(worker.KnownProxies, local.KnownProxies);
        Assert.Equal(worker.KnownIPNetworks.Select(n => n.ToString()), local.KnownIPNetworks.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("Microsoft.AspNetCore.Routing.EndpointMiddleware")]
    [InlineData("System.Net.Http.HttpClient.Default.LogicalHandler")]
    public void TheWorkerLogsNoRequestUrlBelowWarning(string category)
    {
        var logger = FunctionsApp().GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }
}
