using CampaignFlow.Classification;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>
/// Cuts a story's text into runs with the classifier's matched terms marked: every occurrence of each matched surface
/// form (the evidence carries the text as found, a proximity pair as "left … right"), case-insensitively, overlaps
/// resolved in favour of the earlier and longer match. The page encodes every run; nothing here produces markup.
/// </summary>
public static class EvidenceHighlighter
{
    private static readonly string[] Marked = ["anchor", "proximity", "context", "negative"];

    public static IReadOnlyList<TextSegment> Segments(string text, IEnumerable<TermMatch> matches)
    {
        var spans = new List<(int Start, int End, bool Negative, string Note)>();
        foreach (var match in matches.Where(m => Marked.Contains(m.Kind)))
        {
            foreach (var term in match.Term.Split(" … ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(t => t.Length > 1))
            {
                for (var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
                {
                    spans.Add((at, at + term.Length, match.Weight < 0, $"{match.Kind} {match.Weight:+0.00;-0.00}"));
                }
            }
        }
        var segments = new List<TextSegment>();
        var position = 0;
        foreach (var span in spans.OrderBy(s => s.Start).ThenByDescending(s => s.End - s.Start))
        {
            if (span.Start < position)
            {
                continue;
            }
            if (span.Start > position)
            {
                segments.Add(new TextSegment(text[position..span.Start], false));
            }
            segments.Add(new TextSegment(text[span.Start..span.End], true, span.Negative, span.Note));
            position = span.End;
        }
        if (position < text.Length)
        {
            segments.Add(new TextSegment(text[position..], false));
        }
        return segments;
    }
}
