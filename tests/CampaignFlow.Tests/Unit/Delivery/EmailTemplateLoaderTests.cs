using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Tests.Unit.Delivery;

public sealed class EmailTemplateLoaderTests
{
    private static Dictionary<string, string> Shipped() => new(EmailTemplateLoader.ReadDefaultFiles());

    /// <summary>The shipped files with one file's text replaced (old → new), compiled as a published set.</summary>
    private static EmailTemplateSet Edited(string file, string from, string to)
    {
        var files = Shipped();
        Assert.Contains(from, files[file]);
        files[file] = files[file].Replace(from, to, StringComparison.Ordinal);
        return EmailTemplateLoader.Compile(files, complete: true);
    }

    private static int EditedLine(string file, string from) => 1 + Shipped()[file][..Shipped()[file].IndexOf(from, StringComparison.Ordinal)].Count(c => c == '\n');

    [Fact]
    public void EveryShippedTemplateValidatesInEveryLanguage()
    {
        var folder = EmailTemplateLoader.CheckDirectory(Path.Combine(RepositoryRoot.Find(), "config", "templates"));
        var embedded = EmailTemplateLoader.Compile(EmailTemplateLoader.ReadDefaultFiles(), complete: true);

        Assert.Empty(folder.Problems);
        Assert.Empty(embedded.Problems);
        var expected = TemplateCatalog.Names.SelectMany(n => Languages.Supported.Select(l => $"{n}.{l}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, folder.Templates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, embedded.Templates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count(), EmailTemplateLoader.LoadDefault().Count);
    }

    [Theory]
    [InlineData("alert.fr.txt", "Subject: Alerte : {{ title }}", "Alerte : {{ title }}", 1, "the first line must be the subject")]
    [InlineData("alert.fr.txt", "Se désabonner : {{ unsubscribe_url }}", "Se désabonner", 1, "no unsubscribe link")]
    [InlineData("alert.fr.txt", "cet article mentionne {{ terms }}.", "cet article mentionne {{ termes }}.", 0, "unknown variable {{ termes }}")]
    [InlineData("alert.fr.txt", "Se désabonner : {{ unsubscribe_url }}", "Se désabonner : -unsubscribe_url-", 0, "-unsubscribe_url- is the old way")]
    [InlineData("alert.fr.txt", "{% if summary %}", "{% if summary %", 0, "not valid Liquid")]
    [InlineData("alert.es.html", "<a href=\"{{ unsubscribe_url }}\" style=\"color:{{ brand.color }}\">Darse de baja</a>", "Darse de baja", 1, "no unsubscribe link")]
    [InlineData("alert.es.html", "esta noticia menciona {{ terms }}.", "esta noticia le interesa.", 1, "no why-you-got-this line")]
    [InlineData("alert.es.html", "{{ title }}</h1>", "{{ title }}", -1, "HTML: ")]
    [InlineData("alert.en.html", "<a href=\"{{ link }}\"", "<a href=\"{{ summary }}\"", 0, "only a link variable")]
    [InlineData("alert.en.html", "<a href=\"{{ link }}\"", "<a href=\"{{ link | downcase }}\"", 0, "only a link variable")]
    [InlineData("alert.en.html", "<a href=\"{{ link }}\"", "<a href=\"https://example.org/?u={{ link }}\"", 0, "only a link variable")]
    [InlineData("alert.en.html", "<p style=\"margin:0 0 16px\">{{ summary }}</p>", "<p class={{ feed }}>{{ summary }}</p>", 0, "put the value of class in quotes")]
    [InlineData("alert.en.html", "<p style=\"margin:0 0 16px\">{{ summary }}</p>", "<p class=\"{{ feed }}\">{{ summary }}</p>", 0, "not class")]
    [InlineData("alert.en.html", "<p style=\"margin:0 0 16px\">{{ summary }}</p>", "<p style=\"color:{{ feed }}\">{{ summary }}</p>", 0, "in a style only the colours")]
    [InlineData("alert.en.html", "<p style=\"margin:0 0 16px\">{{ summary }}</p>", "<p>{{ summary | raw }}</p>", 0, "the filter 'raw' is not used")]
    [InlineData("alert.en.html", "<p style=\"margin:0 0 16px\">{{ summary }}</p>", "<p>{% include 'x' %}</p>", 0, "{% include 'x' %} is not used")]
    [InlineData("alert.en.html", "</head>", "<style>p { color: {{ feed }} }</style></head>", 0, "not allowed inside <style>")]
    [InlineData("alert.no.html", "{% if summary %}\n<p style=\"margin:0 0 16px\">", "<p style=\"margin:0 0 16px\">{% if summary %}\n", 0, "are in different elements")]
    [InlineData("digest.fr.html", "{% for story in stories %}", "{% for story in stories %}{% for x in title %}{% endfor %}", 0, "goes over nothing")]
    [InlineData("digest.fr.html", "{{ story.summary }}", "{{ story.texte }}", 0, "unknown variable {{ story.texte }}")]
    [InlineData("digest.fr.html", "{% endfor %}", "", -1, "not valid Liquid")]
    [InlineData("digest.es.txt", "Subject: Resumen diario", "Subject: {% for s in stories %}{{ s.title }}{% endfor %} Resumen diario", 1, "the stories belong in the body")]
    [InlineData("digest.es.html", "{% for story in stories %}", "{% for story in count %}", 1, "no {% for story in stories %}")]
    [InlineData("confirm.es.txt", "Confirme aquí: {{ link }}", "Confirme aquí: {{ link }} {{ unsubscribe_url }}", 0, "unknown variable {{ unsubscribe_url }}")]
    [InlineData("confirm.en.html", "Confirm your subscription</a></p>", "Confirm your subscription</a></p><script>go()</script>", 0, "<script> is not allowed")]
    [InlineData("confirm.en.html", "<a href=\"{{ link }}\"", "<a href=\"https://example.org/\"", 1, "no confirmation link")]
    [InlineData("alert.en.txt", "{{ brand.name }} · {{ brand.address }}", "{{ brand.name }}", 1, "no postal address")]
    [InlineData("welcome.fr.html", "<a href=\"{{ preferences_url }}\" style=\"display", "<a href=\"{{ brand.name }}\" style=\"display", 0, "only a link variable")]
    public void RefusesATemplateWithTheFileLineAndReason(string file, string from, string to, int line, string reason)
    {
        var set = Edited(file, from, to);

        // 0: the line of the edit; -1: wherever the HTML parser notices (an unclosed element is noticed where its parent ends).
        var problem = Assert.Single(set.Problems, p => p.File == file && p.Message.Contains(reason, StringComparison.Ordinal));
        line = line switch { 0 => EditedLine(file, from), -1 => problem.Line, _ => line };
        Assert.Equal(line, problem.Line);
        Assert.StartsWith($"{file}:{line}: ", problem.ToString());
        Assert.DoesNotContain(EmailTemplateLoader.TemplateOf(file)!, set.Templates.Keys);
        Assert.Equal([EmailTemplateLoader.TemplateOf(file)!], set.Refused);
    }

    [Fact]
    public void AcceptsVariablesInTextTitleAndAltAndTheVettedLinksAsWholeValues()
    {
        var set = Edited("alert.en.html", "{{ title }}</h1>",
            "{{ title | upcase }}</h1><p title=\"Story: {{ title }}\" style=\"color:{{ brand.color }};border:1px solid {{ brand.background }}\">x</p><img alt=\"{{ summary }}\" src=\"{{ brand.logo_url }}\"><a href='{{ preferences_url }}'>p</a>");

        Assert.Empty(set.Problems);
    }

    [Fact]
    public void RefusesAHalfTemplateAndFilesThatAreNotTemplates()
    {
        var files = Shipped();
        files.Remove("digest.es.txt");
        files["farewell.en.html"] = "<p>Hello</p>";
        files.Remove("confirm.en.txt");
        files.Remove("confirm.en.html");

        var set = EmailTemplateLoader.Compile(files, complete: true);

        Assert.Contains(set.Problems, p => p.File == "digest.es.html" && p.Message.Contains("digest.es.txt is missing", StringComparison.Ordinal));
        Assert.Contains(set.Problems, p => p.File == "farewell.en.html" && p.Message.StartsWith("not a template file name", StringComparison.Ordinal));
        Assert.Contains(set.Problems, p => p.File == "confirm.en.txt" && p.Message.Contains("English", StringComparison.Ordinal));
        Assert.DoesNotContain("digest.es", set.Templates.Keys);
        Assert.Contains("digest.fr", set.Templates.Keys);
    }

    [Fact]
    public void FallsBackToEnglishForALanguageWithoutItsOwnTemplate()
    {
        var templates = EmailTemplateLoader.LoadDefault().Where(t => t.Key != "alert.es").ToDictionary();

        Assert.Same(templates["alert.en"], EmailTemplateLoader.Select(templates, "alert", "es"));
        Assert.Same(templates["alert.no"], EmailTemplateLoader.Select(templates, "alert", "nb"));
        Assert.Same(templates["alert.en"], EmailTemplateLoader.Select(templates, "alert", "de"));
    }
}
