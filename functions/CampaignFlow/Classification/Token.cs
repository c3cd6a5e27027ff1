namespace CampaignFlow.Classification;

/// <summary>A word of the story: a maximal run of letters and digits.</summary>
internal readonly record struct Token(int Start, int End);
