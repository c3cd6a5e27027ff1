using System.Globalization;
using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>A story with its human labels, one line of an evaluation corpus (JSONL, same fields as the shared corpus).</summary>
public sealed record LabeledStory
{
    public required string Id { get; init; }
    public string? Lang { get; init; }
    public string? Published { get; init; }
    public string? Publisher { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required bool Relevant { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public string? Difficulty { get; init; }
    public string? Note { get; init; }
    /// <summary>Where the label came from, e.g. "staff-approved" for a held story a person decided.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    public StoryText ToStoryText() => new(Id, Title, Body, Lang,
        DateTimeOffset.TryParse(Published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null);
}
