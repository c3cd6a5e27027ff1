using System.Text.Json.Nodes;
using CampaignFlow.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Tests.Unit.Tuning;

/// <summary>Edits are validated by the rule-set loader before anything is saved; problems come back in words with their line and field.</summary>
public sealed class RuleSetCheckTests
{
    [Fact]
    public void APositiveNegativeWeightIsRefusedWithItsFieldAndLine()
    {
        var rules = JsonNode.Parse(RuleSetLoader.ReadDefaultJson())!.AsObject();
        rules["negatives"]![0]!["weight"] = 2.5;
        var json = rules.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var check = RuleSetCheck.Of(json);

        Assert.False(check.IsValid);
        var problem = Assert.Single(check.Problems);
        Assert.Equal("$.negatives[0].weight", problem.Path);
        Assert.Contains("should be less than 0", problem.Message, StringComparison.Ordinal);
        var line = json.Split('\n').Select((text, i) => (text, i)).First(l => l.text.Contains("2.5", StringComparison.Ordinal)).i + 1;
        Assert.Equal(line, problem.Line);
        Assert.True(problem.IsAt("$.negatives[0]"));
        Assert.False(problem.IsAt("$.negatives[1]"));
    }

    [Fact]
    public void BrokenJsonIsRefusedWithItsLine()
    {
        var check = RuleSetCheck.Of("{\n  \"version\": \"x\",\n  \"anchors\": [ oops ]\n}");

        var problem = Assert.Single(check.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Null(check.Compiled);
    }

    [Fact]
    public void AFormBuiltRuleSetIsCheckedAsTheLoaderReadsIt()
    {
        var valid = RuleSetCheck.Of(RuleSetLoader.LoadDefault().Rules);
        var invalid = RuleSetCheck.Of(RuleSetLoader.LoadDefault().Rules with { Anchors = [new TermGroup { Weight = 2, Terms = ["x"] }] });

        Assert.True(valid.IsValid, string.Join("\n", valid.Problems.Select(p => $"{p.Path}: {p.Message}")));
        Assert.Contains(invalid.Problems, p => p.Path == "$.anchors[0].terms[0]" && (p.Message.Contains("at least 2 characters", StringComparison.Ordinal) || p.Message.Contains("shorter than two characters", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("2026.11.29-1", "2026.11.29-2")]
    [InlineData("draft", "draft-2")]
    [InlineData("v9", "v11")]
    public void ATakenVersionGetsTheNextFreeName(string version, string expected)
    {
        Assert.Equal(expected, RuleSetVersions.Free(version, new HashSet<string> { version, "v10", "other" }));
        Assert.Equal("free", RuleSetVersions.Free("free", new HashSet<string> { version }));
    }
}
