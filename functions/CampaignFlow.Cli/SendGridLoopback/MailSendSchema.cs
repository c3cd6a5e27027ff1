using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CampaignFlow.Cli.SendGridLoopback;

/// <summary>
/// The request schema of SendGrid's <c>POST /v3/mail/send</c>: <see cref="BuiltIn"/> is the project's own
/// (mail-send.schema.json, written from SendGrid's API reference, in every clone); <see cref="Load"/> reads SendGrid's
/// official OpenAPI document (<c>PostMailSend</c> request body, with <c>components/schemas</c> as <c>$defs</c>) where
/// ../shared has it, to cross-check the two.
/// </summary>
public sealed class MailSendSchema(JsonSchema schema)
{
    private static readonly ConcurrentDictionary<string, Lazy<MailSendSchema>> Loaded = new();
    private static readonly Lazy<MailSendSchema> Own = new(() =>
    {
        using var stream = typeof(MailSendSchema).Assembly.GetManifestResourceStream("CampaignFlow.Cli.SendGridLoopback.mail-send.schema.json")
            ?? throw new InvalidOperationException("mail-send.schema.json is not embedded in the CLI assembly");
        using var reader = new StreamReader(stream);
        return new MailSendSchema(JsonSchema.FromText(reader.ReadToEnd()));
    });

    /// <summary>
    /// One options object for every evaluation: JsonSchema.Net rebuilds a schema's cached constraints when it sees new
    /// options, and evaluations running meanwhile on other threads then fail at random (json-everything issue #929):
    /// the loopback refused valid addresses as "not an email" under <c>bench load</c>.
    /// </summary>
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The project's own mail-send schema, embedded in the CLI.</summary>
    public static MailSendSchema BuiltIn => Own.Value;

    /// <summary>Loads (once per path: schema ids are registered process-wide) the mail-send schema from the OpenAPI file.</summary>
    public static MailSendSchema Load(string openApiPath) =>
        Loaded.GetOrAdd(Path.GetFullPath(openApiPath), path => new Lazy<MailSendSchema>(() => Read(path))).Value;

    private static MailSendSchema Read(string openApiPath)
    {
        var document = JsonNode.Parse(File.ReadAllText(openApiPath))!;
        var components = document["components"]!;
        var body = components["requestBodies"]!["PostMailSend"]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();
        body["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        body["$defs"] = components["schemas"]!.DeepClone();
        var text = body.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return new MailSendSchema(JsonSchema.FromText(text));
    }

    /// <summary>The first few violations as "path: message", empty when the body conforms.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(JsonElement body)
    {
        var result = schema.Evaluate(body, Options);
        if (result.IsValid)
        {
            return [];
        }
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (d.InstanceLocation.ToString(), $"{e.Key}: {e.Value}")))
            .Take(10)
            .ToList();
    }
}
