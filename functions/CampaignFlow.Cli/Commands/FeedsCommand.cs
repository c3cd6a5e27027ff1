using System.CommandLine;
using System.Text.Json;
using CampaignFlow.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Cli.Tools;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow feeds inspect [--json] SOURCE...</c>: parses each file or URL as the poller would.</summary>
public static class FeedsCommand
{
    /// <summary>The contract's limit per source.</summary>
    public static readonly TimeSpan PerSourceTimeout = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per line per source (the contract in docs)" };
        var sources = new Argument<string[]>("source") { Description = "Feed file paths or URLs", Arity = ArgumentArity.OneOrMore };
        var inspect = new Command("inspect", "Parse feeds as the poller would and show what it sees") { json, sources };
        inspect.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(sources)!;
            await using var services = Services(given);
            var fetcher = services.GetRequiredService<FeedFetcher>();
            foreach (var source in given)
            {
                var line = await InspectAsync(fetcher, source, ct);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(line);
                }
                else
                {
                    WriteReadable(Console.Out, line);
                }
            }
            return 0;
        });
        return new Command("feeds", "Feed tools") { inspect };
    }

    public static async Task<string> InspectAsync(FeedFetcher fetcher, string source, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PerSourceTimeout);
        try
        {
            var document = await fetcher.FetchAsync(new FeedSource { Name = source, Url = CliPaths.Source(source) }, null, null, timeout.Token);
            return FeedInspector.Inspect(source, document.Content ?? [], document.ContentType, document.BaseUri);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FeedInspector.DescribeError(source, $"no answer within {PerSourceTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or UnauthorizedAccessException or UriFormatException or InvalidOperationException)
        {
            return FeedInspector.DescribeError(source, ex.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>
    /// The feed client as the poller gets it: the same settings (<c>CAMPAIGNFLOW_</c> variables included), validated
    /// the same way, with the sources being inspected as the configured feeds (the options require at least one).
    /// </summary>
    internal static ServiceProvider Services(IReadOnlyList<string> sources)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < sources.Count; i++)
        {
            settings[$"Feeds:Sources:{i}:Name"] = sources[i];
            settings[$"Feeds:Sources:{i}:Url"] = CliPaths.Source(sources[i]);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables("CAMPAIGNFLOW_").Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCampaignFlow(configuration);
        return services.BuildServiceProvider();
    }

    private static void WriteReadable(TextWriter output, string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        output.WriteLine(root.GetProperty("source").GetString());
        if (!root.GetProperty("ok").GetBoolean())
        {
            output.WriteLine($"  cannot be used: {root.GetProperty("error").GetString()}");
            output.WriteLine();
            return;
        }
        output.WriteLine($"  {root.GetProperty("format").GetString()}: {root.GetProperty("title").GetString()} ({root.GetProperty("items").GetArrayLength()} items)");
        TextTable.Write(output, ["  published", "title"], root.GetProperty("items").EnumerateArray().Select(i => (IReadOnlyList<string>)
        [
            "  " + (i.GetProperty("published").GetString() ?? i.GetProperty("updated").GetString() ?? "—"),
            Shorten(i.GetProperty("title").GetString() ?? "(no title)", 90),
        ]));
        foreach (var warning in root.GetProperty("warnings").EnumerateArray())
        {
            output.WriteLine($"  warning: {warning.GetString()}");
        }
        output.WriteLine();
    }

    private static string Shorten(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
