namespace CampaignFlow.Classification;

/// <summary>A pattern kept after leftmost-longest resolution in one layer, with one of its usages and its word span.</summary>
internal readonly record struct Hit(PatternUsage Usage, int Pattern, int Start, int End, int First, int Last)
{
    public string Text(string source) => source[Start..End];
}
