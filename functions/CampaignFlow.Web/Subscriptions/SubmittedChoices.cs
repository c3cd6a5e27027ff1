namespace CampaignFlow.Web.Subscriptions;

/// <summary>
/// What a visitor submitted on the sign-up or preferences form, as typed values. A null member was not sent and leaves
/// that choice as it was; an empty <see cref="Topics"/> or <see cref="Regions"/> list means everything.
/// </summary>
public sealed record SubmittedChoices
{
    public string? Name { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<string>? Regions { get; init; }
    /// <summary><c>instant</c> or <c>daily</c> (anything starting with "daily" reads as the digest).</summary>
    public string? Cadence { get; init; }
}
