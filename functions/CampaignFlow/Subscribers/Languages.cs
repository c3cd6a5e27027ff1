namespace CampaignFlow.Subscribers;

/// <summary>The languages subscribers can choose; anything else falls back to English.</summary>
public static class Languages
{
    public static IReadOnlyList<string> Supported { get; } = ["en", "no", "fr", "es"];

    public static string Normalize(string? language) => IsSupported(language) ? Alias(language!) : "en";

    public static bool IsSupported(string? language) => language is not null && Supported.Contains(Alias(language));

    /// <summary>The primary subtag of a language tag (fr-CA → fr, nb_NO → nb), then the aliases of Norwegian.</summary>
    private static string Alias(string language) => language.Trim().ToLowerInvariant().Split('-', '_')[0] switch
    {
        "nb" or "nn" or "nob" or "nno" or "norsk" => "no",
        var other => other,
    };
}
