namespace CampaignFlow.Classification;

/// <summary>The hits of one story, bucketed by kind so rules only look at the hits they can use.</summary>
internal sealed class HitSet
{
    private static readonly int KindCount = Enum.GetValues<MatchKind>().Length;
    private readonly List<Hit>?[] byKind = new List<Hit>?[KindCount];

    public void Add(Hit hit) => (byKind[(int)hit.Usage.Kind] ??= []).Add(hit);

    public IReadOnlyList<Hit> this[MatchKind kind] => byKind[(int)kind] ?? (IReadOnlyList<Hit>)[];
}
