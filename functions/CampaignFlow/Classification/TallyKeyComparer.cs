namespace CampaignFlow.Classification;

/// <summary>Compares tally keys by reference for the kind: kinds are string literals, so this skips hashing text.</summary>
internal sealed class TallyKeyComparer : IEqualityComparer<(string Kind, int Rule, int Pattern)>
{
    public static readonly TallyKeyComparer Instance = new();

    public bool Equals((string Kind, int Rule, int Pattern) x, (string Kind, int Rule, int Pattern) y) =>
        x.Pattern == y.Pattern && x.Rule == y.Rule && ReferenceEquals(x.Kind, y.Kind);

    public int GetHashCode((string Kind, int Rule, int Pattern) key) =>
        HashCode.Combine(key.Pattern, key.Rule, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Kind));
}
