namespace CampaignFlow.Cli.SendGridLoopback;

/// <summary>A response the loopback endpoint gives instead of its normal answer (429, 500, a delay …).</summary>
public sealed record ScriptedResponse(int Status, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null);
