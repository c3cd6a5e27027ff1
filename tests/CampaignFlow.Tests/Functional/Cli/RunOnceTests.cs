using CampaignFlow.Cli.Commands;
using CampaignFlow.Cli.Local;
using CampaignFlow.Tests.Support;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>End to end: <c>run --once</c> on the bundled sample feed, with Azurite, the WebJobs listeners and the outbox.</summary>
public sealed class RunOnceTests : IDisposable
{
    private readonly TempDirectory _state = new();

    private async Task<string> RunAsync()
    {
        var output = new StringWriter();
        var exit = await RunCommand.RunAsync(
            _state.Path,
            Path.Combine(_state.Path, "outbox"),
            [Path.Combine(RepositoryRoot.Find(), RunCommand.SampleFeed)],
            once: true,
            output,
            CancellationToken.None);
        Assert.Equal(0, exit);
        return output.ToString();
    }

    private string[] Emails() =>
        Directory.Exists(Path.Combine(_state.Path, "outbox")) ? Directory.GetFiles(Path.Combine(_state.Path, "outbox"), "*.eml") : [];

    [Fact]
    public async Task WritesEmailsOnlyForRelevantStoriesAndNothingOnTheSecondRun()
    {
        var first = await RunAsync();
        var emails = Emails();

        Assert.Contains("new stories      12", first);
        Assert.NotEmpty(emails);
        Assert.Equal(emails.Length, Directory.GetFiles(Path.Combine(_state.Path, "outbox"), "*.html").Length);
        var subjects = emails.Select(e => File.ReadLines(e).First(l => l.StartsWith("Subject:", StringComparison.Ordinal))).ToList();
        Assert.Contains(subjects, s => s.Contains("Nearly 30 additional countries", StringComparison.Ordinal));
        Assert.DoesNotContain(subjects, s => s.Contains("Arctic Council", StringComparison.Ordinal));
        Assert.DoesNotContain(subjects, s => s.Contains("landmine clearance in Angola", StringComparison.Ordinal));
        Assert.DoesNotContain(subjects, s => s.Contains("nuclear weapons", StringComparison.Ordinal));

        var second = await RunAsync();

        Assert.Contains("new stories      0", second);
        Assert.Contains("emails written   0", second);
        Assert.Equal(emails.Length, Emails().Length);
    }

    public void Dispose() => _state.Dispose();
}
