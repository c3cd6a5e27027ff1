using System.Text;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Delivery;

/// <summary>
/// Reads and validates email templates (<c>NAME.LANG.html</c> and <c>NAME.LANG.txt</c>): the built-in set (config/templates,
/// embedded in the library), a folder, or a set staff published. A template with a problem in either file is refused —
/// never used — and every problem is reported on its line.
/// </summary>
public static class EmailTemplateLoader
{
    public const string ResourcePrefix = "CampaignFlow.Delivery.Templates.";

    private static readonly Lazy<IReadOnlyDictionary<string, EmailTemplate>> Defaults = new(() =>
    {
        var set = Compile(ReadDefaultFiles(), complete: true);
        return set.Problems.Count == 0 ? set.Templates : throw new EmailTemplateValidationException("embedded config/templates", set.Problems);
    });

    /// <summary>The built-in templates (config/templates, embedded), validated once.</summary>
    /// <exception cref="EmailTemplateValidationException">A built-in template is invalid (the tests keep this from shipping).</exception>
    public static IReadOnlyDictionary<string, EmailTemplate> LoadDefault() => Defaults.Value;

    /// <summary>The built-in template files by file name.</summary>
    public static IReadOnlyDictionary<string, string> ReadDefaultFiles()
    {
        var assembly = typeof(EmailTemplateLoader).Assembly;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
            files[resource[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }
        return files;
    }

    /// <summary>
    /// The template files of a folder (hidden files and editor backups ending in <c>~</c> are skipped); a file that is
    /// not UTF-8 text is reported in <paramref name="problems"/> (and read leniently, so its other problems show too).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadDirectory(string directory, List<TemplateProblem> problems)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || name.EndsWith('~'))
            {
                continue;
            }
            var bytes = File.ReadAllBytes(path);
            var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            try
            {
                files[name] = strict.GetString(bytes, bom, bytes.Length - bom);
            }
            catch (DecoderFallbackException ex)
            {
                var at = Math.Clamp(bom + ex.Index, 0, bytes.Length);
                problems.Add(new TemplateProblem(name, 1 + bytes.AsSpan(0, at).Count((byte)'\n'), "not UTF-8 text: save the file as UTF-8"));
                files[name] = Encoding.UTF8.GetString(bytes, bom, bytes.Length - bom);
            }
        }
        return files;
    }

    /// <summary>Reads and validates a folder of templates, as <c>templates check</c> does.</summary>
    public static EmailTemplateSet CheckDirectory(string directory)
    {
        var problems = new List<TemplateProblem>();
        var set = Compile(ReadDirectory(directory, problems), complete: true);
        return set with { Problems = [.. problems, .. set.Problems] };
    }

    /// <summary>
    /// Validates every template of the files and builds those without a problem. <paramref name="complete"/>: every
    /// template must exist in English, the fallback for a language without its own (the built-in set; a published set
    /// falls back to the built-in templates instead).
    /// </summary>
    public static EmailTemplateSet Compile(IReadOnlyDictionary<string, string> files, bool complete)
    {
        var problems = new List<TemplateProblem>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Keys)
        {
            if (TemplateOf(file) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                problems.Add(new TemplateProblem(file, 1, $"not a template file name: templates are NAME.LANG.html and NAME.LANG.txt, NAME one of {string.Join(", ", TemplateCatalog.Names)}, LANG one of {string.Join(", ", Languages.Supported)}"));
            }
        }
        foreach (var name in TemplateCatalog.Names.Where(n => complete && !keys.Contains(n + ".en")))
        {
            problems.Add(new TemplateProblem(name + ".en.txt", 1, "missing: every template needs English, the language used when a subscriber's has none"));
        }
        var templates = new Dictionary<string, EmailTemplate>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var own = new List<TemplateProblem>();
            var name = key[..key.IndexOf('.')];
            var text = files.GetValueOrDefault(key + ".txt");
            var html = files.GetValueOrDefault(key + ".html");
            if (text is null || html is null)
            {
                own.Add(new TemplateProblem(key + (text is null ? ".html" : ".txt"), 1, $"{key}{(text is null ? ".txt" : ".html")} is missing: a template is a pair of files, NAME.LANG.html and NAME.LANG.txt"));
            }
            var textParts = text is null ? null : EmailTemplateChecks.Text(key + ".txt", name, text, own);
            var htmlPart = html is null ? null : EmailTemplateChecks.Html(key + ".html", name, html, own);
            if (own.Count == 0 && textParts is { } parts && htmlPart is not null)
            {
                templates[key] = new EmailTemplate(parts.Subject.Template, htmlPart.Template, parts.Body.Template);
            }
            problems.AddRange(own);
        }
        return new EmailTemplateSet(templates, problems);
    }

    /// <summary>The template (<c>NAME.LANG</c>) a file belongs to; null for a name that is not a template file's.</summary>
    public static string? TemplateOf(string file)
    {
        var parts = file.Split('.');
        return parts.Length == 3 && TemplateCatalog.Names.Contains(parts[0]) && Languages.Supported.Contains(parts[1]) && parts[2] is "html" or "txt"
            ? $"{parts[0]}.{parts[1]}"
            : null;
    }

    /// <summary>The template in the subscriber's language, else English.</summary>
    public static EmailTemplate Select(IReadOnlyDictionary<string, EmailTemplate> templates, string name, string? language) =>
        templates.GetValueOrDefault($"{name}.{Languages.Normalize(language)}")
        ?? templates.GetValueOrDefault(name + ".en")
        ?? throw new InvalidOperationException($"no template {name}.en: known templates are {string.Join(", ", TemplateCatalog.Names)}");
}
