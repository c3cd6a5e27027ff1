namespace CampaignFlow.Classification;

/// <summary>
/// Where things are in a story: the headline (paragraph 0), the lead (paragraph 1, the body's first paragraph)
/// and the background after it, and the sentences. Built once per story, only when its topics or regions are weighed.
/// </summary>
internal sealed class StoryLayout
{
    private readonly List<int> paragraphStarts = [0];
    private readonly List<int> sentenceStarts = [0];

    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create(".!?;\n");

    private StoryLayout(string text, int titleEnd)
    {
        var i = text.AsSpan().IndexOfAny(Breaks);
        while (i >= 0)
        {
            if (text[i] == '\n')
            {
                var j = i;
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }
                // Why: the headline is its own paragraph; in the body a blank line starts one.
                if (i == titleEnd || text.AsSpan(i, j - i).Count('\n') >= 2)
                {
                    paragraphStarts.Add(j);
                }
                sentenceStarts.Add(j);
                i = j - 1;
            }
            else if (i + 1 < text.Length && text[i + 1] is ' ' or '\n')
            {
                sentenceStarts.Add(i + 1);
            }
            var next = i + 1 < text.Length ? text.AsSpan(i + 1).IndexOfAny(Breaks) : -1;
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    public static StoryLayout Of(string text, int titleEnd) => new(text, titleEnd);

    /// <summary>0 for the headline, 1 for the lead, 2 and up for the background.</summary>
    public int Paragraph(int position) => IndexOf(paragraphStarts, position);

    /// <summary>The index of the sentence (or headline) the position is in.</summary>
    public int Sentence(int position) => IndexOf(sentenceStarts, position);

    private static int IndexOf(List<int> starts, int position)
    {
        var i = starts.BinarySearch(position);
        return i >= 0 ? i : ~i - 1;
    }
}
