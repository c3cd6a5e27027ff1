using CampaignFlow.Subscribers;

namespace CampaignFlow.Classification;

/// <summary>
/// The topics and regions one rule set can assign (in <see cref="ClassificationTaxonomy"/> order) and their labels in a
/// subscriber language: the staff's label in that language, else their English one, else the id made readable
/// ("victim-assistance" → "Victim assistance"). Subscribers can only choose from these.
/// </summary>
public sealed class RuleSetTaxonomy
{
    private readonly RuleSetLabels labels;

    private RuleSetTaxonomy(IReadOnlyList<string> topics, IReadOnlyList<string> regions, RuleSetLabels labels) =>
        (Topics, Regions, this.labels) = (topics, regions, labels);

    /// <summary>Topics the rule set has rules for.</summary>
    public IReadOnlyList<string> Topics { get; }

    /// <summary>Regions some gazetteer entry or region term of the rule set points to.</summary>
    public IReadOnlyList<string> Regions { get; }

    public static RuleSetTaxonomy Of(RuleSet rules)
    {
        var regions = rules.Gazetteer.Select(g => g.Region).Concat(rules.RegionTerms.Select(t => t.Region)).ToHashSet(StringComparer.Ordinal);
        return new(
            [.. ClassificationTaxonomy.Topics.Where(rules.Topics.ContainsKey)],
            [.. ClassificationTaxonomy.Regions.Where(regions.Contains)],
            rules.Labels ?? new RuleSetLabels());
    }

    public string TopicLabel(string topic, string? language) => Label(labels.Topics, topic, language);

    public string RegionLabel(string region, string? language) => Label(labels.Regions, region, language);

    /// <summary>"latin-america-caribbean" → "Latin america caribbean": what a subscriber sees when staff gave no label.</summary>
    public static string Readable(string id)
    {
        var words = id.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string Label(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byId, string id, string? language) =>
        byId.GetValueOrDefault(id) is { } names
            && (names.GetValueOrDefault(Languages.Normalize(language)) ?? names.GetValueOrDefault("en")) is { } label
            && !string.IsNullOrWhiteSpace(label)
                ? label.Trim()
                : Readable(id);
}
