namespace CampaignFlow.Tuning;

/// <summary>
/// What a publish or rollback did: the version now active, or why nothing was written (problems in words with their
/// field, or <see cref="Conflict"/>: someone else changed the active rule set first).
/// </summary>
public sealed record RuleSetChangeOutcome(string? Version, IReadOnlyList<RuleSetProblem> Problems, string? Conflict = null)
{
    public bool Succeeded => Version is not null;

    public static RuleSetChangeOutcome Done(string version) => new(version, []);

    public static RuleSetChangeOutcome Refused(params RuleSetProblem[] problems) => new(null, problems);

    public static RuleSetChangeOutcome Conflicted(string message) => new(null, [], message);
}
