using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>An edited rule set read and validated as the app would read it: compiled when valid, else its problems.</summary>
public sealed record RuleSetCheck(RuleSet? Rules, CompiledRuleSet? Compiled, IReadOnlyList<RuleSetProblem> Problems)
{
    public bool IsValid => Compiled is not null;

    /// <summary>Parses, validates and compiles the JSON with the rule-set loader (nothing is saved).</summary>
    public static RuleSetCheck Of(string json, string source = "edited rule set")
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new RuleSetCheck(null, null, [new RuleSetProblem("the rule set is empty", 1, "$")]);
        }
        try
        {
            var rules = RuleSetLoader.Parse(json, source);
            return new RuleSetCheck(rules, CompiledRuleSet.Compile(rules), []);
        }
        catch (RuleSetValidationException ex)
        {
            return new RuleSetCheck(null, null, RuleSetProblem.From(ex));
        }
    }

    /// <summary>A rule set built in the form editor: serialised as the loader reads it, then checked the same way.</summary>
    public static RuleSetCheck Of(RuleSet rules) => Of(RuleSetJson.Write(rules));
}
