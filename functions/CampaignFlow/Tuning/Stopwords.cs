using System.Collections.Frozen;

namespace CampaignFlow.Tuning;

/// <summary>
/// Function words per subscriber language: a suggested phrase never starts or ends with one ("of the", "og det").
/// Short hand-made lists rather than a package: the suggester only needs the commonest words of four languages.
/// </summary>
internal static class Stopwords
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> ByLanguage = new Dictionary<string, FrozenSet<string>>
    {
        ["en"] = Set("a an the and or but of to in on at by for from with as is are was were be been being has have had it its this that these those"
            + " which who whom whose what when where how not no nor so than then there their them they he she his her we our us you your i"
            + " will would shall should can could may might must do does did also into over under about after before between during against"
            + " all any both each more most other some such only own same very just said says mr ms new one two three"),
        ["no"] = Set("og i på av til for med som er var har hadde det den de en et ei at om fra ved seg sin sine sitt ikke men eller så"
            + " også etter over under mot mellom hvor hva når hvordan vil skal kan kunne må vi oss du dere han hun hans hennes deres"
            + " denne dette disse jeg meg blir ble vært være alle noen andre samme bare sier sa nye ett to tre"),
        ["fr"] = Set("le la les un une des du de d l et ou mais à au aux en dans par pour sur avec sans sous est sont était ont a été être"
            + " ce cet cette ces qui que quoi dont où il elle ils elles nous vous je se sa son ses leur leurs ne pas plus aussi comme"
            + " entre après avant contre lors tous toutes tout autre autres même très a été dit deux trois nouveau nouvelle"),
        ["es"] = Set("el la los las un una unos unas de del y o pero a al en por para con sin sobre es son era fue han ha sido ser"
            + " este esta estos estas ese esa que quien cual donde cuando como se su sus le les lo no más también entre tras"
            + " antes contra durante todos todas todo otro otros otra mismo muy dijo dos tres nuevo nueva"),
    }.ToFrozenDictionary();

    public static bool Contains(string? language, string word) =>
        word.Length < 2 || word.All(char.IsDigit) || (ByLanguage.TryGetValue(Key(language), out var set) && set.Contains(word));

    private static string Key(string? language) => language is { Length: >= 2 } l ? l[..2].ToLowerInvariant() switch { "nb" or "nn" => "no", var k => k } : "en";

    private static FrozenSet<string> Set(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
