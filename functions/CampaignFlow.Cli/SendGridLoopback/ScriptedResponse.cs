namespace CampaignFlow.Cli.SendGridLoopback;

/// <summary>
/// A response the loopback endpoint gives instead of its normal answer (429, 500, a delay …). With
/// <paramref name="LoseAnswer"/> the request is handled normally (accepted and counted) and then the connection is
/// dropped before the 202 reaches the client: a 202 whose answer is lost.
/// </summary>
public sealed record ScriptedResponse(int Status, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null, bool LoseAnswer = false);
