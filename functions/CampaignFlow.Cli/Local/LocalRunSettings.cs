namespace CampaignFlow.Cli.Local;

/// <summary>What a local run needs: where state and the outbox live, which feeds, and the storage to use.</summary>
public sealed record LocalRunSettings(string StateDirectory, string OutboxDirectory, IReadOnlyList<string> Feeds, string StorageConnectionString);
