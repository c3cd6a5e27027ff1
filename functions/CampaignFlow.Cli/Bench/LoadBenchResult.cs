using System.Text.Json.Serialization;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// The <c>bench load --json</c> line: one poll of <see cref="Stories"/> new stories to <see cref="Subscribers"/>
/// subscribers. <see cref="Expected"/> counts the (story, subscriber) emails that should go out, <see cref="Sent"/>
/// the distinct ones the loopback endpoint accepted, <see cref="Duplicates"/> those accepted more than once and
/// <see cref="Lost"/> those expected but never accepted (an unexpected one counts as <see cref="Unexpected"/>).
/// Storage requests are every try of every Azure SDK request during the poll and its deliveries.
/// </summary>
public sealed record LoadBenchResult(
    [property: JsonPropertyName("stories")] int Stories,
    [property: JsonPropertyName("relevant")] int Relevant,
    [property: JsonPropertyName("subscribers")] int Subscribers,
    [property: JsonPropertyName("expected")] int Expected,
    [property: JsonPropertyName("sent")] int Sent,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("lost")] int Lost,
    [property: JsonPropertyName("unexpected")] int Unexpected,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("stories_per_s")] double StoriesPerSecond,
    [property: JsonPropertyName("emails_per_s")] double EmailsPerSecond,
    [property: JsonPropertyName("peak_working_set_mb")] double PeakWorkingSetMb,
    [property: JsonPropertyName("storage_requests")] int StorageRequests,
    [property: JsonPropertyName("storage_requests_by_service")] IReadOnlyDictionary<string, int> StorageRequestsByService,
    [property: JsonPropertyName("storage_requests_per_recipient")] double StorageRequestsPerRecipient,
    [property: JsonPropertyName("ledger_requests")] int LedgerRequests,
    [property: JsonPropertyName("ledger_requests_per_recipient")] double LedgerRequestsPerRecipient)
{
    [JsonIgnore]
    public bool Passed => Lost == 0 && Duplicates == 0 && Unexpected == 0 && Expected > 0;
}
