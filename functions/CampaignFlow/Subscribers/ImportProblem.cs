namespace CampaignFlow.Subscribers;

/// <summary>One CSV row that was not imported, by its line number in the file, with the reason (never the address).</summary>
public sealed record ImportProblem(int Line, string Reason);
