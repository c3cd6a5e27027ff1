using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using CampaignFlow.Cli.Local;
using Microsoft.Playwright;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright, one browser per test class
/// (<c>IClassFixture&lt;Chromium&gt;</c>). Screenshots go to .state/artifacts/screenshots/&lt;folder&gt; (git-ignored) for a
/// person to look at; <see cref="AssertAccessibleAsync"/> runs axe-core on a page and fails on serious or critical findings.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (.ci/run does: apt-get install chromium).");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"], Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>A fresh context (its own cookies) and page at the given viewport width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1024, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    /// <summary>A full-page screenshot under .state/artifacts/screenshots/<paramref name="folder"/>/<paramref name="name"/>.png.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string folder, string name)
    {
        var directory = Path.Combine(RepositoryRoot.Find(), ".state", "artifacts", "screenshots", folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>axe-core on the page as it is now; fails with every serious or critical violation, named with its nodes.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", serious));
    }
}
