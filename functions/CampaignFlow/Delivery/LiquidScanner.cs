namespace CampaignFlow.Delivery;

/// <summary>
/// Finds the Liquid constructs of a template and where they stand, so the checks can name a line. Fluid's parser has
/// already accepted the source (it is the judge of syntax); this only locates <c>{{ … }}</c> and <c>{% … %}</c>,
/// skipping delimiters inside quoted strings. <c>{% raw %}</c> and <c>{% comment %}</c> are refused by the checks
/// before their bodies could mislead it.
/// </summary>
internal static class LiquidScanner
{
    public static IReadOnlyList<LiquidConstruct> Scan(string source)
    {
        var found = new List<LiquidConstruct>();
        var i = 0;
        while ((i = NextOpening(source, i)) >= 0)
        {
            var isTag = source[i + 1] == '%';
            var close = isTag ? "%}" : "}}";
            var end = Closing(source, i + 2, close);
            if (end < 0)
            {
                break;
            }
            var inner = source[(i + 2)..end].Trim();
            inner = inner.StartsWith('-') ? inner[1..] : inner;
            inner = (inner.EndsWith('-') ? inner[..^1] : inner).Trim();
            found.Add(new LiquidConstruct(i, end + 2 - i, LineAt(source, i), isTag, inner));
            i = end + 2;
        }
        return found;
    }

    /// <summary>1-based line of an offset.</summary>
    public static int LineAt(string source, int offset) => 1 + source.AsSpan(0, Math.Min(offset, source.Length)).Count('\n');

    private static int NextOpening(string source, int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
        {
            if (source[i + 1] is '{' or '%')
            {
                return i;
            }
        }
        return -1;
    }

    private static int Closing(string source, int from, string close)
    {
        char? quote = null;
        for (var i = from; i + 1 < source.Length; i++)
        {
            var c = source[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == close[0] && source[i + 1] == close[1])
            {
                return i;
            }
        }
        return -1;
    }
}
