namespace CampaignFlow.Classification;

/// <summary>The word span of an anchor (or of a proximity pair that anchors) and its first character.</summary>
internal readonly record struct AnchorSpan(int First, int Last, int Start);
