using System.CommandLine;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Unit.Cli;

/// <summary><c>templates check|preview|publish</c> as staff run them, on a copy of config/templates.</summary>
public sealed class TemplatesCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string CopyOfTemplates()
    {
        var folder = Path.Combine(_temp.Path, "templates");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "config", "templates")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await TemplatesCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        return (exit, output.ToString());
    }

    [Fact]
    public async Task CheckReportsABrokenFileWithItsLineAndExits1()
    {
        var folder = CopyOfTemplates();
        Assert.Equal(0, (await RunAsync("check", folder)).Exit);
        var file = Path.Combine(folder, "alert.fr.html");
        File.WriteAllText(file, File.ReadAllText(file).Replace("<p style=\"margin:0 0 16px\">{{ summary }}</p>", "<p style=\"margin:0 0 16px\">{{ summary }}</b>", StringComparison.Ordinal));

        var (exit, output) = await RunAsync("check", folder);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:13: HTML: ", output);
        Assert.Contains("1 file of", output);
    }

    [Fact]
    public async Task PreviewRendersASampleThroughTheComposerIntoAnHtmlFile()
    {
        var target = Path.Combine(_temp.Path, "preview", "alert.html");

        var (exit, output) = await RunAsync("preview", "alert", "--lang", "es", "--output", target);

        Assert.Equal(0, exit);
        Assert.Equal(target, output.TrimEnd().Split('\n')[^1]);
        var html = File.ReadAllText(target);
        Assert.Contains("Convention on Cluster Munitions enters into force", html);
        Assert.Contains("<a href=\"http://localhost:7071/api/unsubscribe?token=", html);
        Assert.Contains("Darse de baja", html);
        Assert.DoesNotContain(AlertComposer.UnsubscribeTag, html);
        Assert.Contains("Subject: Alerta: Convention on Cluster Munitions", File.ReadAllText(Path.ChangeExtension(target, ".eml")));
    }

    [Fact]
    public async Task PublishRefusesABrokenFolderBeforeTouchingStorage()
    {
        var folder = CopyOfTemplates();
        File.Delete(Path.Combine(folder, "digest.en.txt"));
        var state = Path.Combine(_temp.Path, "state");

        var (exit, output) = await RunAsync("publish", "--dir", folder, "--state", state);

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.Combine(folder, "digest.en.html")}:1: digest.en.txt is missing", output);
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public async Task PublishPutsTheFolderInTheLocalStateWhereTheAppPicksItUp()
    {
        var folder = CopyOfTemplates();
        var file = Path.Combine(folder, "confirm.fr.txt");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Subject: Merci de confirmer", "Subject: Un clic pour confirmer", StringComparison.Ordinal));
        var state = Path.Combine(_temp.Path, "state");

        var (exit, output) = await RunAsync("publish", "--dir", folder, "--state", state);

        Assert.Equal(0, exit);
        Assert.Contains("published 24 templates", output);
        await using var session = await StorageSession.OpenAsync(account: null, state);
        var template = await session.Services.GetRequiredService<IEmailTemplateProvider>().GetAsync("confirm", "fr");
        Assert.StartsWith("Un clic pour confirmer", template.Render(new Dictionary<string, object?> { ["link"] = "https://x.example/" }).Subject);
    }

    public void Dispose() => _temp.Dispose();
}
