namespace CampaignFlow.Classification;

/// <summary>
/// One story as every scorer and extractor sees it: the text (title, blank line, body), its tokens and
/// the hits of the term index. Built once per classification and shared, so nothing is matched twice.
/// </summary>
internal sealed class MatchContext(string text, List<Token> tokens, HitSet hits, int titleEnd, DateTimeOffset? published)
{
    public string Text { get; } = text;
    public List<Token> Tokens { get; } = tokens;
    public HitSet Hits { get; } = hits;
    /// <summary>Characters before this offset belong to the headline.</summary>
    public int TitleEnd { get; } = titleEnd;
    public DateTimeOffset? Published { get; } = published;

    private StoryLayout? layout;
    private int leadEnd = -1;

    /// <summary>Where the lead (the body's first paragraph) ends: what follows is background.</summary>
    public int LeadEnd
    {
        get
        {
            if (leadEnd < 0)
            {
                var bodyStart = Math.Min(Text.Length, TitleEnd + 2);
                var end = Text.AsSpan(bodyStart).IndexOf("\n\n", StringComparison.Ordinal);
                leadEnd = end < 0 ? Text.Length : bodyStart + end;
            }
            return leadEnd;
        }
    }

    /// <summary>Paragraphs and sentences, found on first use (most stories never need them).</summary>
    public StoryLayout Layout => layout ??= StoryLayout.Of(Text, TitleEnd);

    public ReadOnlySpan<char> Word(int i) => Text.AsSpan(Tokens[i].Start, Tokens[i].End - Tokens[i].Start);

    /// <summary>Words from one span to the other: 1 when adjacent, 0 when they overlap.</summary>
    public static int Distance(int aFirst, int aLast, int bFirst, int bLast) =>
        aLast < bFirst ? bFirst - aLast : bLast < aFirst ? aFirst - bLast : 0;

    public static bool NearAny(Hit h, List<AnchorSpan> spans, int within)
    {
        foreach (var a in spans)
        {
            if (Distance(h.First, h.Last, a.First, a.Last) <= within)
            {
                return true;
            }
        }
        return false;
    }
}
