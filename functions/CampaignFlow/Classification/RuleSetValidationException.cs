namespace CampaignFlow.Classification;

/// <summary>A rule set was refused; <see cref="Errors"/> holds one line-precise message per problem.</summary>
public sealed class RuleSetValidationException(string source, IReadOnlyList<string> errors)
    : Exception($"Rule set {source} is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
