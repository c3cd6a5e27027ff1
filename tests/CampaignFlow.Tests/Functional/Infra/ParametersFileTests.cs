using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>infra/main.parameters.json, main.bicep and docs/operations.md say the same thing.</summary>
public sealed partial class ParametersFileTests
{
    private static JsonObject ParametersFile() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot, "infra", "main.parameters.json")))!["parameters"]!.AsObject();

    private static string Docs() => File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot, "docs", "operations.md"));

    [Fact]
    public void MapsOnlyParametersTheTemplateDeclares()
    {
        var declared = BicepTemplate.Compiled()["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(ParametersFile().Select(p => p.Key), name => Assert.Contains(name, declared));
    }

    [Fact]
    public void DocumentsEveryAzdVariableAndTheParameterItSets()
    {
        var docs = Docs();
        var missing = ParametersFile()
            .SelectMany(p => Variable().Matches(p.Value!["value"]!.ToString()).Select(m => (Parameter: p.Key, Variable: m.Groups["name"].Value)))
            .Where(x => !docs.Contains($"`{x.Variable}`", StringComparison.Ordinal) || !docs.Contains($"`{x.Parameter}`", StringComparison.Ordinal))
            .Select(x => $"{x.Variable} → {x.Parameter}")
            .ToList();

        Assert.True(missing.Count == 0, "Not in docs/operations.md:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void DocsCountTheAlertRulesTheTemplateDeploys()
    {
        var count = InfraQueries.AlertRules().Count;
        string[] words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

        Assert.Contains($"{words[count]} log search alert rules", Docs(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(AlertCount(words[count]), Docs());
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(=[^}]*)?\}")]
    private static partial Regex Variable();

    private static Regex AlertCount(string right) =>
        new($@"\b(?!{right}\b)(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) log search (alert )?rules", RegexOptions.IgnoreCase);
}
