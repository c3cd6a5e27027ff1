using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// Counts the storage requests the Azure SDK clients send (every try, as Azure bills them), by service (told apart by
/// the endpoint's port, as Azurite serves them) and by table, queue or container (the first path segment after the
/// account). A table entity-group transaction (<c>$batch</c>) is one request.
/// </summary>
public sealed class StorageRequestCounter(IReadOnlyDictionary<int, string> servicesByPort) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<(string Service, string Resource), int> _counts = new();

    public IReadOnlyDictionary<(string Service, string Resource), int> Counts => _counts;

    public int Total => _counts.Values.Sum();

    public int Of(string service) => _counts.Where(c => c.Key.Service == service).Sum(c => c.Value);

    public int Of(string service, string resource) => _counts.GetValueOrDefault((service, resource));

    public void Reset() => _counts.Clear();

    /// <summary>The ports of a development-storage connection string's BlobEndpoint, QueueEndpoint and TableEndpoint.</summary>
    public static StorageRequestCounter ForConnectionString(string connectionString)
    {
        var ports = new Dictionary<int, string>();
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]);
            if (name.EndsWith("Endpoint", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out var uri))
            {
                ports[uri.Port] = name[..^"Endpoint".Length].ToLowerInvariant();
            }
        }
        return new StorageRequestCounter(ports);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var service = servicesByPort.GetValueOrDefault(uri.Port, "other");
        // Azurite: /devstoreaccount1/<resource>…; a table addresses rows as <table>(PartitionKey='…',RowKey='…').
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "";
        var paren = resource.IndexOf('(');
        resource = paren >= 0 ? resource[..paren] : resource;
        _counts.AddOrUpdate((service, resource), 1, (_, n) => n + 1);
    }
}
