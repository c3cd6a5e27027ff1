using System.Text.Json.Serialization;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// One scenario's line (contract in cli-contracts.md: scenario, stories, expected, sent, duplicates, lost, recovered,
/// seconds), with what else the bench checked: mails that must not have gone out, stories the pipeline never
/// classified, recipients the ledger left uncertain, poison messages (and those without a reason), and notes.
/// </summary>
public sealed record FaultScenarioResult(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("stories")] int Stories,
    [property: JsonPropertyName("expected")] int Expected,
    [property: JsonPropertyName("sent")] int Sent,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("lost")] int Lost,
    [property: JsonPropertyName("recovered")] bool Recovered,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    /// <summary>(story, recipient) pairs received that should not have been sent (irrelevant story, not active, digest reader, not a match).</summary>
    [JsonPropertyName("unexpected")] public int Unexpected { get; init; }

    /// <summary>Stories the feed showed that never got a verdict.</summary>
    [JsonPropertyName("unclassified")] public int Unclassified { get; init; }

    /// <summary>(story, recipient) pairs the delivery ledger holds as uncertain (a request in flight when its worker died: at most once, not sent again).</summary>
    [JsonPropertyName("uncertain")] public int Uncertain { get; init; }

    /// <summary>Of <see cref="Lost"/>, those the ledger holds as uncertain: lost by the at-most-once design, reported, not a failure.</summary>
    [JsonPropertyName("lostUncertain")] public int LostUncertain { get; init; }

    [JsonPropertyName("poison")] public int Poison { get; init; }

    [JsonPropertyName("poisonWithoutReason")] public int PoisonWithoutReason { get; init; }

    /// <summary>Poison messages the scenario put there on purpose and expects there.</summary>
    [JsonPropertyName("poisonExpected")] public int PoisonExpected { get; init; }

    [JsonPropertyName("passed")] public bool Passed { get; init; }

    [JsonPropertyName("notes")] public string Notes { get; init; } = "";
}

/// <summary>The summary line: <c>{"scenarios":k,"failed":f,"lost":L,"duplicates":D}</c> (and the total time).</summary>
public sealed record FaultSummary(
    [property: JsonPropertyName("scenarios")] int Scenarios,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("lost")] int Lost,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("seconds")] double Seconds);
