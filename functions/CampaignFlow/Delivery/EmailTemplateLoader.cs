using System.Text;
using System.Text.RegularExpressions;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Delivery;

/// <summary>
/// Reads and validates email templates (<c>NAME.LANG.html</c> and <c>NAME.LANG.txt</c>): the built-in set (config/templates,
/// embedded in the library), a folder, or a set staff published. A template with a problem in either file is refused —
/// never used — and every problem is reported on its line.
/// </summary>
public static partial class EmailTemplateLoader
{
    public const string ResourcePrefix = "CampaignFlow.Delivery.Templates.";

    /// <summary>The templates and the placeholders each may use.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["alert"] = ["title", "date", "feed", "summary", "link", "terms"],
        ["confirm"] = ["link"],
        ["digest"] = ["date", "count", "stories"],
    };

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
                problems.Add(new TemplateProblem(file, 1, $"not a template file name: templates are NAME.LANG.html and NAME.LANG.txt, NAME one of {string.Join(", ", Placeholders.Keys)}, LANG one of {string.Join(", ", Languages.Supported)}"));
            }
        }
        foreach (var name in Placeholders.Keys.Where(n => complete && !keys.Contains(n + ".en")))
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
            if (text is not null)
            {
                CheckText(key + ".txt", name, text, own);
            }
            if (html is not null)
            {
                CheckHtml(key + ".html", name, html, own);
            }
            if (own.Count == 0)
            {
                templates[key] = EmailTemplate.FromFiles(text!, html!);
            }
            problems.AddRange(own);
        }
        return new EmailTemplateSet(templates, problems);
    }

    /// <summary>The template (<c>NAME.LANG</c>) a file belongs to; null for a name that is not a template file's.</summary>
    public static string? TemplateOf(string file)
    {
        var parts = file.Split('.');
        return parts.Length == 3 && Placeholders.ContainsKey(parts[0]) && Languages.Supported.Contains(parts[1]) && parts[2] is "html" or "txt"
            ? $"{parts[0]}.{parts[1]}"
            : null;
    }

    /// <summary>The template in the subscriber's language, else English.</summary>
    public static EmailTemplate Select(IReadOnlyDictionary<string, EmailTemplate> templates, string name, string? language) =>
        templates.GetValueOrDefault($"{name}.{Languages.Normalize(language)}")
        ?? templates.GetValueOrDefault(name + ".en")
        ?? throw new InvalidOperationException($"no template {name}.en: known templates are {string.Join(", ", Placeholders.Keys)}");

    private static void CheckText(string file, string name, string content, List<TemplateProblem> problems)
    {
        void Add(int line, string message) => problems.Add(new TemplateProblem(file, line, message));
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        if (!lines[0].StartsWith("Subject:", StringComparison.Ordinal))
        {
            Add(1, "the first line must be the subject: 'Subject: …'");
        }
        else if (lines[0]["Subject:".Length..].Trim().Length == 0)
        {
            Add(1, "the subject is empty");
        }
        else if (lines[0].Contains("{{stories}}", StringComparison.Ordinal))
        {
            Add(1, "{{stories}} belongs in the body, not the subject");
        }
        CheckLines(file, name, lines, firstBodyLine: 1, spanning: null, problems);
        var body = lines.Skip(1).ToList();
        if (name != "confirm" && !body.Any(l => l.Contains(AlertComposer.UnsubscribeTag, StringComparison.Ordinal)))
        {
            Add(1, $"no unsubscribe link: {name} mails must carry {AlertComposer.UnsubscribeTag} (replaced by each subscriber's own link)");
        }
        Require(file, name, body.Any(l => l.Contains("{{terms}}", StringComparison.Ordinal)), body.Any(l => l.Contains("{{stories}}", StringComparison.Ordinal)),
            body.Any(l => l.Contains("{{link}}", StringComparison.Ordinal)), problems);
    }

    private static void CheckHtml(string file, string name, string content, List<TemplateProblem> problems)
    {
        void Add(int line, string message) => problems.Add(new TemplateProblem(file, line, message));
        var html = content.ReplaceLineEndings("\n");
        var scan = HtmlTemplateScanner.Scan(file, html, problems);
        var lines = html.Split('\n');
        CheckLines(file, name, lines, firstBodyLine: 0, scan.SpanningLines, problems);
        foreach (var a in scan.Attributes.Where(a => a.Name.Contains("{{", StringComparison.Ordinal) || a.Value?.Contains("{{", StringComparison.Ordinal) == true))
        {
            if (a.Name.Contains("{{", StringComparison.Ordinal))
            {
                Add(a.Line, $"a placeholder inside <{a.Element}> must be an attribute's value, in quotes");
            }
            else if (!a.Quoted)
            {
                Add(a.Line, $"put the value of {a.Name} in quotes: {a.Name}=\"{a.Value}\"");
            }
            else if (a.Name is "href" && a.Value == "{{link}}")
            {
                continue;
            }
            else if (a.Name is "href" or "src" or "srcset" or "action" or "formaction" or "background" or "cite" or "poster")
            {
                Add(a.Line, $"only {{{{link}}}} (checked to be an http or https address) may fill a link, as the whole value: {a.Name}=\"{{{{link}}}}\"");
            }
            else if (a.Name is not ("title" or "alt"))
            {
                Add(a.Line, $"placeholders may fill text, title and alt attributes and href=\"{{{{link}}}}\", not {a.Name}");
            }
        }
        var links = scan.Attributes.Where(a => a.Element == "a" && a.Name == "href").ToList();
        var unsubscribe = links.Where(a => a.Value == AlertComposer.UnsubscribeTag).ToList();
        if (name != "confirm" && unsubscribe.Count == 0)
        {
            Add(1, $"no unsubscribe link: {name} mails must carry <a href=\"{AlertComposer.UnsubscribeTag}\">…</a> (replaced by each subscriber's own link)");
        }
        Require(file, name, html.Contains("{{terms}}", StringComparison.Ordinal), html.Contains("{{stories}}", StringComparison.Ordinal),
            links.Any(a => a.Value == "{{link}}"), problems);
    }

    /// <summary>Placeholders known to the template, {{stories}} alone on its line, the unsubscribe link never on a line that can be left out.</summary>
    private static void CheckLines(string file, string name, string[] lines, int firstBodyLine, IReadOnlySet<int>? spanning, List<TemplateProblem> problems)
    {
        var known = Placeholders[name];
        for (var i = 0; i < lines.Length; i++)
        {
            void Add(string message) => problems.Add(new TemplateProblem(file, i + 1, message));
            var line = lines[i];
            var found = AnyPlaceholder().Matches(line).Select(m => m.Groups[1].Value).ToList();
            foreach (var placeholder in found.Where(p => !known.Contains(p)).Distinct())
            {
                Add($"unknown placeholder {{{{{placeholder}}}}}; {name} templates know {string.Join(", ", known.Select(k => $"{{{{{k}}}}}"))}");
            }
            var rest = AnyPlaceholder().Replace(line, "");
            if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
            {
                Add("unbalanced braces: a placeholder is written {{name}}");
            }
            if (found.Contains("stories") && i >= firstBodyLine && line.Trim() != "{{stories}}")
            {
                Add("{{stories}} must be alone on its line");
            }
            // The confirmation goes to one address without substitutions: a tag would reach the reader as it is.
            foreach (var tag in new[] { AlertComposer.UnsubscribeTag, AlertComposer.PreferencesTag }.Where(t => name == "confirm" && line.Contains(t, StringComparison.Ordinal)))
            {
                Add($"the confirmation mail has no unsubscribe or preferences link to fill in: remove {tag}");
            }
            if (found.Count == 0 || i < firstBodyLine)
            {
                continue;
            }
            if (name != "confirm" && line.Contains(AlertComposer.UnsubscribeTag, StringComparison.Ordinal))
            {
                Add("the unsubscribe link must be on a line without placeholders: a line whose placeholder is empty is left out");
            }
            if (spanning?.Contains(i + 1) == true)
            {
                Add("a line with a placeholder is left out when the value is empty, so it must close every tag it opens and close none opened on another line");
            }
        }
    }

    private static void Require(string file, string name, bool hasTerms, bool hasStories, bool hasLink, List<TemplateProblem> problems)
    {
        var missing = name switch
        {
            "alert" when !hasTerms => "no why-you-got-this line: alert mails must say why with {{terms}} (the words the story matched)",
            "digest" when !hasStories => "no {{stories}}: the digest's stories go where it stands, alone on its line",
            "confirm" when !hasLink => file.EndsWith(".html", StringComparison.Ordinal)
                ? "no confirmation link: the mail must carry <a href=\"{{link}}\">…</a>"
                : "no confirmation link: the mail must carry {{link}}",
            _ => null,
        };
        if (missing is not null)
        {
            problems.Add(new TemplateProblem(file, 1, missing));
        }
    }

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex AnyPlaceholder();
}
