using System.Text.Json.Serialization;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// The choices of a sign-up, resolved against the rule set, signed into the confirmation link: nothing is written over an
/// existing record until its owner confirms. Short names keep the link short.
/// </summary>
public sealed record ConfirmedChoices
{
    [JsonPropertyName("n")] public string? Name { get; init; }
    [JsonPropertyName("l")] public string Language { get; init; } = "en";
    [JsonPropertyName("t")] public IReadOnlyList<string> Topics { get; init; } = [];
    [JsonPropertyName("r")] public IReadOnlyList<string> Regions { get; init; } = [];
    [JsonPropertyName("c")] public Cadence Cadence { get; init; } = Cadence.Instant;

    public static ConfirmedChoices Of(Subscriber s) => new() { Name = s.Name, Language = s.Language, Topics = s.Topics, Regions = s.Regions, Cadence = s.Cadence };

    public Subscriber ApplyTo(Subscriber s) => s with { Name = Name, Language = Language, Topics = Topics, Regions = Regions, Cadence = Cadence };
}
