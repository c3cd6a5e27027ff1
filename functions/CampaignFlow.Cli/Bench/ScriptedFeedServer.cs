using System.Collections.Concurrent;
using System.Text;
using CampaignFlow.Cli.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Bench;

/// <summary>A fault the feed server gives to one request instead of the feed.</summary>
public enum FeedFault
{
    ServerError,
    /// <summary>No answer for longer than the poller's request timeout.</summary>
    Timeout,
    /// <summary>The feed cut off in the middle of an item, with a 200.</summary>
    Truncated,
}

/// <summary>A Kestrel server on 127.0.0.1 serving <see cref="FaultFeed"/> at <c>/feed</c>, with scripted faults.</summary>
public sealed class ScriptedFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FaultFeed _feed;
    private int _requests;

    private ScriptedFeedServer(WebApplication app, FaultFeed feed)
    {
        (_app, _feed) = (app, feed);
        app.MapGet("/feed", (Delegate)HandleAsync);
    }

    /// <summary>Faults to give, one per request, before serving the feed again.</summary>
    public ConcurrentQueue<FeedFault> Faults { get; } = new();

    /// <summary>How long a <see cref="FeedFault.Timeout"/> request hangs.</summary>
    public TimeSpan Hang { get; set; } = TimeSpan.FromSeconds(10);

    public int Requests => Volatile.Read(ref _requests);

    public string Url { get; private set; } = "";

    public static async Task<ScriptedFeedServer> StartAsync(FaultFeed feed)
    {
        var server = new ScriptedFeedServer(LoopbackWeb.Create(), feed);
        server.Url = await LoopbackWeb.StartAsync(server._app) + "/feed";
        return server;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var document = _feed.Render();
        var type = _feed.AtomFormat ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
        if (!Faults.TryDequeue(out var fault))
        {
            return Results.Text(document, type, Encoding.UTF8);
        }
        switch (fault)
        {
            case FeedFault.ServerError:
                return Results.StatusCode(500);
            case FeedFault.Timeout:
                try
                {
                    await Task.Delay(Hang, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return Results.StatusCode(504);
            default:
                var cut = document.IndexOf("</item>", document.Length / 2, StringComparison.Ordinal) is var i and > 0 ? i
                    : document.IndexOf("</entry>", document.Length / 2, StringComparison.Ordinal) is var j and > 0 ? j : document.Length / 2;
                return Results.Text(document[..(cut - 20)], type, Encoding.UTF8);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
