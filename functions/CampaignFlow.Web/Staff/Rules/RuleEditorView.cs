using CampaignFlow.Classification;
using CampaignFlow.Tuning;

namespace CampaignFlow.Web.Staff.Rules;

/// <summary>
/// One rendering of the rules editor: the draft (as rules for the form and as JSON for the raw view), what it was opened
/// from (<see cref="BaseVersion"/>, <see cref="ETag"/>), its problems, and its preview and suggested terms when valid.
/// </summary>
public sealed record RuleEditorView(
    RuleSet Draft,
    string Json,
    string BaseVersion,
    string? ETag,
    IReadOnlyList<RuleSetProblem> Problems,
    PreviewResult? Preview,
    IReadOnlyList<TermSuggestion>? Suggestions = null,
    string? Comment = null,
    string? Conflict = null)
{
    /// <summary>Problems that no form field shows (the form view lists them above the form).</summary>
    public IEnumerable<RuleSetProblem> Unplaced(IReadOnlySet<string> shown) =>
        Problems.Where(p => RuleFields.Of(p) is not { } f || !shown.Any(s => f == s || f.StartsWith(s + ".", StringComparison.Ordinal)));
}
