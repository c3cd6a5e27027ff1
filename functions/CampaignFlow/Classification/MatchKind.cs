namespace CampaignFlow.Classification;

/// <summary>What a matched term means to the classifier.</summary>
internal enum MatchKind
{
    Anchor,
    Context,
    Negative,
    ProximityLeft,
    ProximityRight,
    TopicTerm,
    TopicProximityLeft,
    TopicProximityRight,
    Place,
    RegionTerm,
    CountNoun,
    Conference,
    /// <summary>A cue of treaty boilerplate (<see cref="AboutnessSettings.Boilerplate"/>).</summary>
    Boilerplate,
}
