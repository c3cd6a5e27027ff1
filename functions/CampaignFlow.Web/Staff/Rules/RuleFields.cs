using CampaignFlow.Tuning;

namespace CampaignFlow.Web.Staff.Rules;

/// <summary>
/// The editor's field names follow the rule set's JSON paths (<c>anchors[0].terms</c>, <c>topics.clearance.threshold</c>),
/// so a validation problem at <c>$.anchors[0].terms[1]</c> is shown beside the field it is about.
/// </summary>
public static class RuleFields
{
    /// <summary>The field a problem belongs to: its path without "$." and without the index of a term in a list.</summary>
    public static string? Of(RuleSetProblem problem)
    {
        if (problem.Path is not { } path)
        {
            return null;
        }
        var key = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        foreach (var list in new[] { ".terms[", ".near[", ".names[", ".cities[" })
        {
            var at = key.LastIndexOf(list, StringComparison.Ordinal);
            if (at >= 0 && key.EndsWith(']') && key.IndexOf('.', at + 1) < 0)
            {
                return key[..(at + list.Length - 1)];
            }
        }
        return key;
    }

    /// <summary>An HTML id for a field name (letters, digits and '-').</summary>
    public static string Id(string field) => "f-" + new string([.. field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    public static IEnumerable<RuleSetProblem> For(IEnumerable<RuleSetProblem> problems, string field) =>
        problems.Where(p => Of(p) is { } f && (f == field || f.StartsWith(field + ".", StringComparison.Ordinal)));
}
