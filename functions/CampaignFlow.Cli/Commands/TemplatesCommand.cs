using System.CommandLine;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CampaignFlow.Azure.Email;
using CampaignFlow.Azure.Published;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow templates check|preview|publish</c>: the email templates staff edit in config/templates — validated,
/// previewed through the real composers, and published to blob storage, where the running app picks them up.
/// </summary>
public static class TemplatesCommand
{
    public static Command Create()
    {
        var checkDir = new Argument<string?>("DIR") { Description = "The templates folder; default config/templates in the repository", Arity = ArgumentArity.ZeroOrOne };
        var check = new Command("check", "Validate the templates: every problem as file:line: message, exit 1 if any") { checkDir };
        check.SetAction(parse =>
        {
            var (directory, shown) = Folder(parse.GetValue(checkDir));
            if (Missing(parse, directory))
            {
                return 2;
            }
            var set = EmailTemplateLoader.CheckDirectory(directory);
            return Report(parse.InvocationConfiguration.Output, set.Problems, shown, directory) ? 1 : Done(parse, $"{set.Templates.Count} templates OK in {shown}");
        });

        var name = new Argument<string>("NAME") { Description = "alert, confirm or digest" };
        name.AcceptOnlyFromAmong([.. TemplateCatalog.Names]);
        var lang = new Option<string>("--lang") { Description = "The subscriber's language", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong([.. Languages.Supported]);
        var output = new Option<string?>("--output") { Description = "The .html to write (an .eml with both parts goes beside it); default .state/preview/NAME.LANG.html" };
        var previewDir = DirOption();
        var preview = new Command("preview", "Render a sample email with a template, as a subscriber would receive it, into an .html to open") { name, lang, output, previewDir };
        preview.SetAction(async (parse, ct) =>
        {
            var (directory, shown) = Folder(parse.GetValue(previewDir));
            if (Missing(parse, directory))
            {
                return 2;
            }
            IEmailTemplateProvider templates;
            try
            {
                templates = StaticEmailTemplateProvider.FromDirectory(directory);
            }
            catch (EmailTemplateValidationException ex)
            {
                Report(parse.InvocationConfiguration.Output, ex.Problems, shown, directory);
                return 1;
            }
            var (template, language) = (parse.GetValue(name)!, parse.GetValue(lang)!);
            var message = await TemplatePreview.RenderAsync(template, language, templates, ct);
            var html = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(RepositoryRoot.Find(), ".state", "preview", $"{template}.{language}.html"));
            Directory.CreateDirectory(Path.GetDirectoryName(html)!);
            await File.WriteAllTextAsync(html, message.Html, ct);
            var eml = Path.ChangeExtension(html, ".eml");
            var mime = OutboxEmailSender.ToMime(message, new EmailOptions(), TimeProvider.System.GetUtcNow());
            mime.Prepare(MimeKit.EncodingConstraint.SevenBit);
            await mime.WriteToAsync(eml, ct);
            var writer = parse.InvocationConfiguration.Output;
            await writer.WriteLineAsync($"subject: {message.Subject}");
            await writer.WriteLineAsync($"eml:     {eml}");
            await writer.WriteLineAsync(html);
            return 0;
        });

        var publish = Publish();

        return new Command("templates", "The email templates staff edit (config/templates): check, preview, publish") { check, preview, publish };
    }

    private static Command Publish()
    {
        var publishDir = DirOption();
        var publish = new Command("publish", "Validate the templates, then publish them: the app uses them within Templates__RefreshSeconds, no redeploy") { publishDir }.WithStorageOptions();
        publish.SetAction(async (parse, ct) =>
        {
            var (directory, shown) = Folder(parse.GetValue(publishDir));
            if (Missing(parse, directory))
            {
                return 2;
            }
            var problems = new List<TemplateProblem>();
            var files = EmailTemplateLoader.ReadDirectory(directory, problems);
            var set = EmailTemplateLoader.Compile(files, complete: true);
            if (Report(parse.InvocationConfiguration.Output, [.. problems, .. set.Problems], shown, directory))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("nothing published");
                return 1;
            }
            // Storage is opened only for templates that passed: a refused publish touches nothing.
            await using var session = await StorageOptionsCli.OpenAsync(parse, ct);
            var count = await session.Services.GetRequiredService<BlobEmailTemplateStore>().PublishAsync(files, ct);
            var options = session.Services.GetRequiredService<IOptions<EmailTemplateOptions>>().Value;
            return Done(parse, $"published {count} templates from {shown} to {options.ContainerName}/{options.ActiveBlobName}; the app uses them within {options.RefreshSeconds} s");
        });
        return publish;
    }

    private static Option<string?> DirOption() => new("--dir") { Description = "The templates folder; default config/templates in the repository" };

    /// <summary>The folder, and how to show its files: as the user typed it, else relative to the working directory.</summary>
    private static (string Directory, string Shown) Folder(string? given) => given is not null
        ? (Path.GetFullPath(given), given)
        : (Path.Combine(RepositoryRoot.Find(), "config", "templates"), Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(RepositoryRoot.Find(), "config", "templates")));

    private static bool Missing(ParseResult parse, string directory)
    {
        if (Directory.Exists(directory))
        {
            return false;
        }
        parse.InvocationConfiguration.Error.WriteLine($"error: no folder {directory}");
        return true;
    }

    /// <summary>Writes each problem as <c>path:line: message</c>; true when there was any.</summary>
    private static bool Report(TextWriter output, IReadOnlyList<TemplateProblem> problems, string shown, string directory)
    {
        foreach (var problem in problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            output.WriteLine(problem with { File = Path.Combine(shown, problem.File) });
        }
        var files = problems.Select(p => p.File).Distinct().Count();
        if (problems.Count > 0)
        {
            output.WriteLine($"{Plural(problems.Count, "problem")} in {Plural(files, "file")} of {directory}: a template with a problem is never used");
        }
        return problems.Count > 0;
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static int Done(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Output.WriteLine(message);
        return 0;
    }
}
