namespace CampaignFlow.Subscribers;

/// <summary>What an import did: rows kept, rows skipped (already unsubscribed or suppressed) and rows refused, by line.</summary>
public sealed record ImportReport(int Imported, IReadOnlyList<ImportProblem> Skipped, IReadOnlyList<ImportProblem> Rejected);
