using System.Globalization;
using System.Text.RegularExpressions;
using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// One reason a rule set is refused, in words, with where it is: the JSON line and the field path
/// (<c>$.anchors[0].terms[1]</c>) the editor shows it beside. Read from the loader's messages, so the editor says
/// exactly what <c>rules publish</c> and the running app say.
/// </summary>
public sealed partial record RuleSetProblem(string Message, int? Line, string? Path)
{
    /// <summary>The problems of a refused rule set, one per loader message.</summary>
    public static IReadOnlyList<RuleSetProblem> From(RuleSetValidationException exception) => [.. exception.Errors.Select(Parse)];

    /// <summary>Reads "source:line N[, position P]: message (at $.path)"; a message of another shape is kept whole.</summary>
    public static RuleSetProblem Parse(string error)
    {
        var match = Shape().Match(error);
        if (!match.Success)
        {
            return new RuleSetProblem(error, null, null);
        }
        var path = match.Groups["path"].Success ? match.Groups["path"].Value : null;
        return new RuleSetProblem(match.Groups["message"].Value, int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture), path);
    }

    /// <summary>True when the problem is at <paramref name="path"/> or inside it (<c>$.anchors[0]</c> holds <c>$.anchors[0].terms[1]</c>).</summary>
    public bool IsAt(string path) =>
        Path is { } p && (p == path || p.StartsWith(path + ".", StringComparison.Ordinal) || p.StartsWith(path + "[", StringComparison.Ordinal));

    [GeneratedRegex(@"^.*?:line (?<line>\d+)(?:, position \d+)?: (?<message>.*?)(?: \(at (?<path>\$[^()\s]*)\))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shape();
}
