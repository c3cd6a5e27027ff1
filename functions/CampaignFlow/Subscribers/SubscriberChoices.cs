namespace CampaignFlow.Subscribers;

/// <summary>Checks the topics and regions staff give a subscriber against those the active rule set assigns.</summary>
public static class SubscriberChoices
{
    /// <summary>Null when every id is known; else a one-line reason naming the first unknown id and the known ones.</summary>
    public static string? Unknown(string kind, IEnumerable<string> chosen, IReadOnlyList<string> known) =>
        chosen.FirstOrDefault(id => !known.Contains(id, StringComparer.Ordinal)) is { } unknown
            ? $"unknown {kind} \"{unknown}\" (it would match no story); known: {string.Join(", ", known)}"
            : null;
}
