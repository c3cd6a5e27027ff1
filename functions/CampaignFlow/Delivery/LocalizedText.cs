using System.Globalization;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Delivery;

/// <summary>
/// Dates, story counts and the why line's topic list in the subscriber's language. The app runs with invariant
/// globalization (no ICU), so the four languages subscribers choose from are spelled out here; anything else gets English.
/// </summary>
public static class LocalizedText
{
    private static readonly Dictionary<string, string[]> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        ["no"] = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
        ["fr"] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ["es"] = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    };

    /// <summary>"1 August 2010", "1. august 2010", "1er août 2010", "1 de agosto de 2010".</summary>
    public static string Date(DateTimeOffset date, string? language)
    {
        var lang = Known(language);
        var (day, month, year) = (date.Day, Months[lang][date.Month - 1], date.Year.ToString(CultureInfo.InvariantCulture));
        return lang switch
        {
            "no" => $"{day}. {month} {year}",
            "fr" => $"{(day == 1 ? "1er" : day.ToString(CultureInfo.InvariantCulture))} {month} {year}",
            "es" => $"{day} de {month} de {year}",
            _ => $"{day} {month} {year}",
        };
    }

    /// <summary>"1 story", "3 stories" in the language: the digest's <c>{{count}}</c>.</summary>
    public static string Stories(int count, string? language)
    {
        var (one, many) = Known(language) switch
        {
            "no" => ("sak", "saker"),
            "fr" => ("article", "articles"),
            "es" => ("noticia", "noticias"),
            _ => ("story", "stories"),
        };
        return $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
    }

    /// <summary>"topics: A, B", "emner: A, B", "thèmes : A, B", "temas: A, B": the topic part of the alert's why line.</summary>
    public static string Topics(IEnumerable<string> labels, string? language)
    {
        var list = string.Join(", ", labels);
        return Known(language) switch
        {
            "no" => $"emner: {list}",
            "fr" => $"thèmes : {list}",
            "es" => $"temas: {list}",
            _ => $"topics: {list}",
        };
    }

    /// <summary>The subscriber language (aliases such as <c>nb</c> → <c>no</c>, anything else English), as everywhere else.</summary>
    private static string Known(string? language) => Languages.Normalize(language);

    /// <summary>A quoted term as the language quotes it: “…” in English, «…» in Norwegian and Spanish, « … » in French (a plain space: templates fold every value to one line of ordinary spaces).</summary>
    public static string Quote(string term, string? language) => Known(language) switch
    {
        "no" or "es" => $"\u00ab{term}\u00bb",
        "fr" => $"\u00ab {term} \u00bb",
        _ => $"\u201c{term}\u201d",
    };

    /// <summary>The source line's name for regjeringen.no's foreign-ministry feeds.</summary>
    public static string NorwegianForeignMinistry(string? language) => Known(language) switch
    {
        "no" => "Utenriksdepartementet",
        "fr" => "ministère des Affaires étrangères de Norvège",
        "es" => "Ministerio de Asuntos Exteriores de Noruega",
        _ => "Norwegian Ministry of Foreign Affairs",
    };

    /// <summary>"(in English)": a story shown in another language than the reader's; null when they match or the story's is unknown.</summary>
    public static string? LanguageNote(string? storyLanguage, string? readerLanguage)
    {
        if (string.IsNullOrWhiteSpace(storyLanguage) || Known(storyLanguage) == Known(readerLanguage))
        {
            return null;
        }
        var story = Known(storyLanguage);
        return Known(readerLanguage) switch
        {
            "no" => story switch { "fr" => "(på fransk)", "es" => "(på spansk)", _ => "(på engelsk)" },
            "fr" => story switch { "no" => "(en norvégien)", "es" => "(en espagnol)", _ => "(en anglais)" },
            "es" => story switch { "no" => "(en noruego)", "fr" => "(en francés)", _ => "(en inglés)" },
            _ => story switch { "no" => "(in Norwegian)", "fr" => "(in French)", _ => "(in Spanish)" },
        };
    }

    /// <summary>"region: Asia", "regions: Asia, Europe" and so on: the region part of the alert's why line.</summary>
    public static string Regions(IReadOnlyCollection<string> labels, string? language)
    {
        var list = string.Join(", ", labels);
        var many = labels.Count > 1;
        return Known(language) switch
        {
            "no" => $"{(many ? "regioner" : "region")}: {list}",
            "fr" => $"{(many ? "régions" : "région")} : {list}",
            "es" => $"{(many ? "regiones" : "región")}: {list}",
            _ => $"{(many ? "regions" : "region")}: {list}",
        };
    }

    /// <summary>"; " between the parts of a list, " ; " in French (a plain space: values are folded to one line of ordinary spaces).</summary>
    public static string Semicolon(string? language) => Known(language) == "fr" ? " ; " : "; ";
}
