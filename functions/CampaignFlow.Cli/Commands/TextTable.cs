namespace CampaignFlow.Cli.Commands;

/// <summary>Prints rows as an aligned plain-text table (readable in a terminal and in CI logs).</summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        var rule = string.Join("  ", widths.Select(w => new string('-', w)));
        for (var r = 0; r < all.Count; r++)
        {
            output.WriteLine(string.Join("  ", all[r].Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (r == 0)
            {
                output.WriteLine(rule);
            }
        }
    }
}
