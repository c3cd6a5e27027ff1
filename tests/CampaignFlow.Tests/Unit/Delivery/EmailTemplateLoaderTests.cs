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

    [Fact]
    public void EveryShippedTemplateValidatesInEveryLanguage()
    {
        var folder = EmailTemplateLoader.CheckDirectory(Path.Combine(RepositoryRoot.Find(), "config", "templates"));
        var embedded = EmailTemplateLoader.Compile(EmailTemplateLoader.ReadDefaultFiles(), complete: true);

        Assert.Empty(folder.Problems);
        Assert.Empty(embedded.Problems);
        var expected = EmailTemplateLoader.Placeholders.Keys.SelectMany(n => Languages.Supported.Select(l => $"{n}.{l}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, folder.Templates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, embedded.Templates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count(), EmailTemplateLoader.LoadDefault().Count);
    }

    [Theory]
    [InlineData("alert.fr.txt", "Subject: Alerte : {{title}}", "Alerte : {{title}}", 1, "the first line must be the subject")]
    [InlineData("alert.fr.txt", "Se désabonner : -unsubscribe_url-", "Se désabonner", 1, "no unsubscribe link")]
    [InlineData("alert.fr.txt", "cet article mentionne {{terms}}.", "cet article mentionne {{termes}}.", 11, "unknown placeholder {{termes}}")]
    [InlineData("alert.es.html", "<a href=\"-unsubscribe_url-\">Darse de baja</a>", "Darse de baja", 1, "no unsubscribe link")]
    [InlineData("alert.es.html", "esta noticia menciona {{terms}}.", "esta noticia le interesa.", 1, "no why-you-got-this line")]
    [InlineData("alert.es.html", "<h1 style=\"font-size:22px\">{{title}}</h1>", "<h1 style=\"font-size:22px\">{{title}}", 6, "<h1> is not closed before </body> on line 13")]
    [InlineData("alert.en.html", "<a href=\"{{link}}\">", "<a href=\"{{summary}}\">", 9, "only {{link}}")]
    [InlineData("alert.en.html", "<p>{{summary}}</p>", "<p class={{feed}}>{{summary}}</p>", 8, "put the value of class in quotes")]
    [InlineData("alert.no.html", "<p>{{summary}}</p>", "<p>{{summary}}\n</p>", 8, "a line with a placeholder is left out when the value is empty")]
    [InlineData("alert.no.txt", "Meld deg av: -unsubscribe_url-", "Meld deg av ({{feed}}): -unsubscribe_url-", 12, "the unsubscribe link must be on a line without placeholders")]
    [InlineData("digest.fr.html", "{{stories}}", "<div>{{stories}}</div>", 6, "{{stories}} must be alone on its line")]
    [InlineData("digest.es.txt", "Subject: Resumen diario", "Subject: {{stories}} Resumen diario", 1, "{{stories}} belongs in the body")]
    [InlineData("confirm.es.txt", "Confirme aquí: {{link}}", "Confirme aquí: {{link}}\nBaja: -unsubscribe_url-", 5, "the confirmation mail has no unsubscribe or preferences link")]
    [InlineData("confirm.en.html", "<p><a href=\"{{link}}\">Confirm your subscription</a></p>", "<p>Confirm <script>go()</script></p>", 6, "<script> is not allowed")]
    [InlineData("digest.en.html", "<hr>", "<hr> 1 < 2", 7, "stray '<'")]
    public void RefusesATemplateWithTheFileLineAndReason(string file, string from, string to, int line, string reason)
    {
        var set = Edited(file, from, to);

        var problem = Assert.Single(set.Problems, p => p.File == file && p.Message.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.StartsWith($"{file}:{line}: ", problem.ToString());
        Assert.DoesNotContain(EmailTemplateLoader.TemplateOf(file)!, set.Templates.Keys);
        Assert.Equal([EmailTemplateLoader.TemplateOf(file)!], set.Refused);
    }

    [Fact]
    public void RefusesAHalfTemplateAndFilesThatAreNotTemplates()
    {
        var files = Shipped();
        files.Remove("digest.es.txt");
        files["welcome.en.html"] = "<p>Hello</p>";
        files.Remove("confirm.en.txt");
        files.Remove("confirm.en.html");

        var set = EmailTemplateLoader.Compile(files, complete: true);

        Assert.Contains(set.Problems, p => p.File == "digest.es.html" && p.Message.Contains("digest.es.txt is missing", StringComparison.Ordinal));
        Assert.Contains(set.Problems, p => p.File == "welcome.en.html" && p.Message.StartsWith("not a template file name", StringComparison.Ordinal));
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
