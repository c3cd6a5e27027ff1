namespace CampaignFlow.Tuning;

/// <summary>
/// A phrase staff could add: found in <see cref="Found"/> of the stories it is meant for and <see cref="Elsewhere"/>
/// of the others in its language, with the weight it would get and the preview of adding it (before: the rules as
/// edited so far; after: with the phrase).
/// </summary>
public sealed record TermSuggestion(
    TermSuggestionKind Kind,
    string Language,
    string Phrase,
    double Weight,
    IReadOnlyList<string> Found,
    int Elsewhere,
    PreviewResult Preview);
