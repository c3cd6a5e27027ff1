using System.Text.Json.Serialization;

namespace CampaignFlow.Cli.Bench;

/// <summary>The <c>bench fanout --json</c> line (cli-contracts.md), plus the raw-client comparison.</summary>
public sealed record FanoutBenchResult(
    [property: JsonPropertyName("subscribers")] int Subscribers,
    [property: JsonPropertyName("recipients")] int Recipients,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("recipients_per_s")] double RecipientsPerSecond,
    [property: JsonPropertyName("peak_working_set_mb")] double PeakWorkingSetMb,
    [property: JsonPropertyName("raw_requests")] int RawRequests,
    [property: JsonPropertyName("raw_seconds")] double RawSeconds,
    [property: JsonPropertyName("raw_recipients_per_s")] double RawRecipientsPerSecond,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("schema_validated")] bool SchemaValidated);
