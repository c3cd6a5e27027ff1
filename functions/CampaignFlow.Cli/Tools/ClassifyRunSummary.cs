using CampaignFlow.Classification;
namespace CampaignFlow.Cli.Tools;

/// <summary>What a JSONL classify run did: lines read, classified, and reported as errors.</summary>
public sealed record ClassifyRunSummary(int Lines, int Classified, int Errors);
