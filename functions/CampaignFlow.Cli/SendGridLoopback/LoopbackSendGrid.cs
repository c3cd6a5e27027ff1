using System.Collections.Concurrent;
using System.Text.Json;
using CampaignFlow.Cli.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.SendGridLoopback;

/// <summary>
/// A SendGrid-compatible <c>POST /v3/mail/send</c> on 127.0.0.1 for tests and benchmarks: checks the bearer key,
/// validates the body against SendGrid's official schema, answers 202 or 400/401 in SendGrid's error shape, can be
/// scripted to answer 429/5xx or slowly, and counts requests, recipients and duplicate recipients.
/// </summary>
public sealed class LoopbackSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MailSendSchema? _schema;
    private readonly string _apiKey;
    private readonly bool _keepBodies;
    private readonly ConcurrentDictionary<string, int> _recipients = new(StringComparer.OrdinalIgnoreCase);
    private int _requests;
    /// <summary>
    /// Parsing and schema-checking a 1,000-recipient body is CPU work that allocates tens of MB; more at once
    /// than there are cores only holds more memory in this process, which the fan-out benchmark measures.
    /// </summary>
    private readonly SemaphoreSlim _checking = new(Environment.ProcessorCount);

    private LoopbackSendGrid(WebApplication app, MailSendSchema? schema, string apiKey, bool keepBodies)
    {
        (_app, _schema, _apiKey, _keepBodies) = (app, schema, apiKey, keepBodies);
        app.MapPost("/v3/mail/send", (Delegate)HandleAsync);
    }

    /// <summary>Base URL for <c>SendGridClientOptions.Host</c>.</summary>
    public string Host { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);
    public int Recipients => _recipients.Values.Sum();
    public int DistinctRecipients => _recipients.Count;
    public int Duplicates => _recipients.Count(r => r.Value > 1);

    /// <summary>Accepted request bodies, in order (only when started with keepBodies).</summary>
    public ConcurrentQueue<JsonElement> Accepted { get; } = new();

    /// <summary>Called with every accepted body (202), before it is answered: the fault bench records (story, recipient) pairs.</summary>
    public Action<JsonElement>? OnAccepted { get; set; }

    /// <summary>Responses to give, one per request, before answering normally again.</summary>
    public ConcurrentQueue<ScriptedResponse> Script { get; } = new();

    /// <summary>Asked when no scripted response is left: a response to give instead (an outage), or null to answer normally.</summary>
    public Func<ScriptedResponse?>? Outage { get; set; }

    public int TimesSent(string address) => _recipients.GetValueOrDefault(address);

    /// <summary>Forgets every count and body, so one endpoint can measure two phases of a run separately.</summary>
    public void Reset()
    {
        _recipients.Clear();
        Accepted.Clear();
        Interlocked.Exchange(ref _requests, 0);
    }

    public static async Task<LoopbackSendGrid> StartAsync(MailSendSchema? schema, string apiKey, bool keepBodies = true)
    {
        var server = new LoopbackSendGrid(LoopbackWeb.Create(), schema, apiKey, keepBodies);
        server.Host = await LoopbackWeb.StartAsync(server._app);
        return server;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var scripted = Script.TryDequeue(out var next) ? next : Outage?.Invoke();
        if (scripted is not null)
        {
            if (scripted.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            if (scripted.Status != 202)
            {
                return Error(scripted.Status, $"scripted {scripted.Status}", null);
            }
        }
        var loseAnswer = scripted?.LoseAnswer == true;
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {_apiKey}")
        {
            return Error(401, "The provided authorization grant is invalid, expired, or revoked", null);
        }
        await _checking.WaitAsync(context.RequestAborted);
        try
        {
            var result = await CheckAsync(context);
            if (loseAnswer)
            {
                // Accepted and counted, but the client never hears so: the connection drops before any answer.
                context.Abort();
            }
            return result;
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<IResult> CheckAsync(HttpContext context)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(400, $"Bad Request: {ex.Message}", null);
        }
        using (body)
        {
            var errors = _schema?.Validate(body.RootElement) ?? [];
            if (errors.Count == 0)
            {
                errors = SemanticErrors(body.RootElement);
            }
            if (errors.Count > 0)
            {
                return Results.Json(new { errors = errors.Select(e => new { message = e.Message, field = e.Field, help = (string?)null }) }, statusCode: 400);
            }
            foreach (var personalization in body.RootElement.GetProperty("personalizations").EnumerateArray())
            {
                foreach (var to in personalization.GetProperty("to").EnumerateArray())
                {
                    _recipients.AddOrUpdate(to.GetProperty("email").GetString()!, 1, (_, n) => n + 1);
                }
            }
            OnAccepted?.Invoke(body.RootElement);
            if (_keepBodies)
            {
                Accepted.Enqueue(body.RootElement.Clone());
            }
        }
        return Results.StatusCode(202);
    }

    /// <summary>Rules SendGrid enforces that the schema does not express.</summary>
    private static List<(string Field, string Message)> SemanticErrors(JsonElement body)
    {
        var errors = new List<(string, string)>();
        var hasSubject = body.TryGetProperty("subject", out var subject) && subject.GetString() is { Length: > 0 };
        if (!hasSubject && body.GetProperty("personalizations").EnumerateArray().Any(p => !p.TryGetProperty("subject", out _)))
        {
            errors.Add(("subject", "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined."));
        }
        if (body.TryGetProperty("content", out var content))
        {
            var types = content.EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
            if (types.Contains("text/plain") && types.IndexOf("text/plain") != 0)
            {
                errors.Add(("content", "If present, text/plain content must be first, followed by any other content."));
            }
        }
        else if (!body.TryGetProperty("template_id", out _))
        {
            errors.Add(("content", "Unless a valid template_id is provided, the content parameter is required."));
        }
        return errors;
    }

    private static IResult Error(int status, string message, string? field) =>
        Results.Json(new { errors = new[] { new { message, field, help = (string?)null } } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _checking.Dispose();
    }
}
