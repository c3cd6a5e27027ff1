namespace CampaignFlow.Classification;

/// <summary>Why a topic was (or was not) assigned: its score against its threshold and the terms behind it.</summary>
public sealed record TopicEvidence(string Topic, double Score, double Threshold, bool Assigned, IReadOnlyList<TermMatch> Matches);
