namespace CampaignFlow.Delivery;

/// <summary>
/// The templates of a set of files that passed validation, keyed <c>NAME.LANG</c>, and every problem of those that
/// did not: a template with a problem in either of its files is left out, never used.
/// </summary>
public sealed record EmailTemplateSet(IReadOnlyDictionary<string, EmailTemplate> Templates, IReadOnlyList<TemplateProblem> Problems)
{
    /// <summary>The templates (<c>NAME.LANG</c>) refused for a problem in one of their files.</summary>
    public IEnumerable<string> Refused =>
        Problems.Select(p => EmailTemplateLoader.TemplateOf(p.File)).OfType<string>().Distinct(StringComparer.Ordinal);
}
