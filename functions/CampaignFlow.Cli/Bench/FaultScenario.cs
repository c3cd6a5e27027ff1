namespace CampaignFlow.Cli.Bench;

/// <summary>What a scenario's script reports besides the mails: whether the host recovered, the poison it caused on purpose, notes.</summary>
public sealed record FaultRun(bool Recovered, int PoisonExpected = 0, string Notes = "");

/// <summary>One fault scenario: a name (the contract's <c>scenario</c>), its group, and its script on a fresh rig.</summary>
public sealed record FaultScenario(string Name, string Group, string Fault, Func<FaultRig, CancellationToken, Task<FaultRun>> Script);
