namespace CampaignFlow.Classification;

/// <summary>The topic and region names shared by rules, labels, subscriber preferences and output.</summary>
public static class ClassificationTaxonomy
{
    public static IReadOnlyList<string> Topics { get; } =
    [
        "diplomatic-conference", "state-endorsement", "signature-ratification", "national-measures",
        "stockpile-destruction", "clearance", "victim-assistance", "use-condemnation", "financing",
    ];

    public static IReadOnlyList<string> Regions { get; } =
        ["africa", "asia", "europe", "latin-america-caribbean", "middle-east", "pacific", "north-america"];
}
