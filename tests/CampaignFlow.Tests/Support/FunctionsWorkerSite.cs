using System.Reflection;
using CampaignFlow.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// The Functions app's HTTP triggers served as the isolated worker serves them, without the Functions host (whose
/// installer cannot run here):
/// <list type="bullet">
/// <item>the app's own container and logging, built by <c>FunctionsApplication.CreateBuilder</c> + <c>AddCampaignFlowFunctions</c>
/// exactly as Program.cs does;</item>
/// <item>the worker's ASP.NET Core pipeline in its order (Worker.Extensions.Http.AspNetCore's ConfigureAspNetCoreIntegration:
/// UseForwardedHeaders, UseRouting, request services from the worker's container, endpoints), with the
/// <see cref="ForwardedHeadersOptions"/> and the logger factory taken from the app's container, not re-stated here;</item>
/// <item>each function class found by its <c>[Function]</c> and <c>[HttpTrigger]</c> attributes (route, methods), created from
/// the app's container, its <see cref="IResult"/> executed on the request as the worker does.</item>
/// </list>
/// The client connects from loopback, as the Functions host's proxy does, so X-Forwarded-For is processed as in Azure.
/// </summary>
public sealed class FunctionsWorkerSite : IAsyncDisposable
{
    private FunctionsWorkerSite(IHost functions, WebApplication web, HttpClient http)
    {
        Functions = functions;
        Web = web;
        Http = http;
    }

    /// <summary>The Functions app's host (built, not started: starting would dial the Functions host over gRPC).</summary>
    public IHost Functions { get; }
    public WebApplication Web { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => Functions.Services;

    public static async Task<FunctionsWorkerSite> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null, ILoggerProvider? logs = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCampaignFlowFunctions();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        configure?.Invoke(builder.Services);
        var functions = builder.Build();

        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.ClearProviders();
        web.Services.Replace(ServiceDescriptor.Singleton(functions.Services.GetRequiredService<ILoggerFactory>()));
        web.Services.AddSingleton(functions.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        var app = web.Build();
        app.UseForwardedHeaders();
        app.UseRouting();
        foreach (var (route, methods, type, method) in HttpFunctions())
        {
            app.MapMethods(RoutePrefix() + route, methods, context => InvokeAsync(functions.Services, type, method, context));
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FunctionsWorkerSite(functions, app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>host.json's <c>extensions:http:routePrefix</c> as the Functions host applies it ("api" when unset).</summary>
    public static string RoutePrefix()
    {
        var hostJson = new ConfigurationBuilder().AddJsonFile(Path.Combine(CampaignFlow.Cli.Local.RepositoryRoot.Find(), "host.json")).Build();
        var prefix = hostJson["extensions:http:routePrefix"] ?? "api";
        return "/" + (prefix.Length == 0 ? "" : prefix.Trim('/') + "/");
    }

    /// <summary>Every HTTP-triggered function of the Functions app: route, methods, class and method.</summary>
    public static IEnumerable<(string Route, string[] Methods, Type Type, MethodInfo Method)> HttpFunctions() =>
        from type in typeof(Extensions).Assembly.GetExportedTypes()
        from method in type.GetMethods()
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
        where trigger is not null
        select (trigger.Route!, trigger.Methods!.Select(m => m.ToUpperInvariant()).ToArray(), type, method);

    private static async Task InvokeAsync(IServiceProvider services, Type type, MethodInfo method, HttpContext context)
    {
        // As WorkerRequestServicesMiddleware: the request's services are the function invocation's.
        await using var scope = services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        var function = ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        var arguments = method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => (object)context.Request,
            var t when t == typeof(HttpContext) => context,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            var t => throw new NotSupportedException($"{type.Name}.{method.Name}: parameter of type {t} is not bound by this site"),
        }).ToArray();
        var task = (Task)method.Invoke(function, arguments)!;
        await task;
        var result = task.GetType().GetProperty("Result")?.GetValue(task);
        if (result is not IResult answer)
        {
            throw new NotSupportedException($"{type.Name} returned {result?.GetType().Name ?? "nothing"}; this site executes IResult only");
        }
        await answer.ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Web.DisposeAsync();
        Functions.Dispose();
    }
}
