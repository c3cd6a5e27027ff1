namespace CampaignFlow.Classification;

/// <summary>A fixed rule set: the embedded default, a file, or one under test.</summary>
public sealed class StaticRuleSetProvider(CompiledRuleSet rules) : IRuleSetProvider
{
    public CompiledRuleSet Current { get; } = rules;

    public static StaticRuleSetProvider FromFile(string path) =>
        new(RuleSetLoader.Compile(File.ReadAllText(path), path));

    public static StaticRuleSetProvider Default() => new(RuleSetLoader.LoadDefault());
}
