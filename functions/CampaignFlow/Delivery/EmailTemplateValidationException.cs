namespace CampaignFlow.Delivery;

/// <summary>A set of templates was refused; <see cref="Problems"/> holds one line-precise problem each.</summary>
public sealed class EmailTemplateValidationException(string source, IReadOnlyList<TemplateProblem> problems)
    : Exception($"Templates in {source} are invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;
}
