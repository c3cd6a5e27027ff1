using System.Text.RegularExpressions;
using CampaignFlow.Cli.Commands;
using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Cli;

/// <summary>
/// The runbook tells the truth: every <c>./campaignflow …</c> command in docs/operations.md parses against the CLI as
/// built (command, subcommand, arguments and every option it uses), and its <c>--help</c> works.
/// </summary>
public sealed partial class OperationsDocCommandsTests
{
    public static TheoryData<string> DocumentedCommands()
    {
        var docs = File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot, "docs", "operations.md"));
        var commands = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in docs.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("./campaignflow ", StringComparison.Ordinal))
            {
                commands.Add(Comment().Replace(trimmed, "").Trim());
            }
            else
            {
                foreach (Match inline in Inline().Matches(line))
                {
                    commands.Add(inline.Groups[1].Value);
                }
            }
        }
        Assert.True(commands.Count > 10, "expected the runbook's commands");
        return new TheoryData<string>(commands);
    }

    [Theory]
    [MemberData(nameof(DocumentedCommands))]
    public void ParsesAsTheCliDefinesIt(string documented)
    {
        var parse = CliRoot.Create().Parse(Arguments(documented));

        Assert.True(parse.Errors.Count == 0, $"{documented}\n  " + string.Join("\n  ", parse.Errors.Select(e => e.Message)));
    }

    [Theory]
    [MemberData(nameof(DocumentedCommands))]
    public async Task ItsHelpWorks(string documented)
    {
        var words = Arguments(documented).TakeWhile(w => !w.StartsWith('-')).Take(3).ToList();
        var (output, error) = (new StringWriter(), new StringWriter());
        var root = CliRoot.Create();
        // Only the command path: its help lists every option the doc uses.
        var path = new List<string>();
        var command = (System.CommandLine.Command)root;
        foreach (var word in words)
        {
            var sub = command.Subcommands.FirstOrDefault(c => c.Name == word);
            if (sub is null)
            {
                break;
            }
            (command, path) = (sub, [.. path, word]);
        }

        var exit = await root.Parse([.. path, "--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output.ToString());
        foreach (var option in Arguments(documented).Where(w => w.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.Contains(option, output.ToString());
        }
    }

    /// <summary>Shell words of a documented command, placeholders (<c>"$ST"</c>, <c>"$(…)"</c>, <c>&lt;id&gt;</c>, <c>…</c>) as a value.</summary>
    private static string[] Arguments(string documented)
    {
        var text = Substitution().Replace(documented, "VALUE").Replace("[", "").Replace("]", "");
        return Word().Matches(text).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Value).Skip(1).ToArray();
    }

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"`(\./campaignflow [^`]+)`")]
    private static partial Regex Inline();

    [GeneratedRegex(@"""\$\([^)]*\)""|""\$\w+""|<[^>]+>")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"""(?<q>[^""]*)""|\S+")]
    private static partial Regex Word();
}
