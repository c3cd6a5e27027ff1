namespace CampaignFlow.Classification;

/// <summary>
/// Meetings the story names: a conference word with a place beside it or a date after it, one per
/// state (the first keeps its place; a later mention may add the dates). A host word
/// (<see cref="ExtractionRules.HostTerms"/>) ties a place farther away to the meeting: "Oslo accueille la
/// troisième réunion", "the meeting, hosted by Lebanon".
/// </summary>
internal sealed class ConferenceExtractor(IReadOnlyList<GazetteerEntry> gazetteer, ExtractionRules extraction)
{
    private readonly DateExtractor dates = new(extraction);

    /// <summary>The meetings in text order, each with the gazetteer entry of its place (-1 when none).</summary>
    public List<(ConferenceMention Mention, int Entry)> Extract(MatchContext m, List<Hit> places)
    {
        var found = new List<(ConferenceMention Mention, int Entry)>();
        var text = m.Text;
        foreach (var c in m.Hits[MatchKind.Conference])
        {
            if (c.Usage.Sub == HostSub)
            {
                continue;
            }
            var place = NearestPlace(m, c, places) ?? HostPlace(m, c, places);
            var when = dates.Extract(m, c.Last + 1, Math.Min(m.Tokens.Count, c.Last + 16));
            if (place is null && when is null)
            {
                continue;
            }
            var entry = place is { } pl ? gazetteer[pl.Usage.Rule] : null;
            var name = place is { } before && before.End <= c.Start
                ? text[before.Start..c.End]
                : text[c.Start..c.End] + (place is { } after ? " in " + text[after.Start..after.End] : "");
            var mention = new ConferenceMention(name, place is { } q ? text[q.Start..q.End] : null, entry?.State, when, c.Start);
            var existing = found.FindIndex(f => f.Mention.State is not null && f.Mention.State == mention.State);
            if (existing < 0)
            {
                found.Add((mention, place?.Usage.Rule ?? -1));
            }
            else if (found[existing].Mention.Dates is null && when is not null)
            {
                found[existing] = (found[existing].Mention with { Dates = when }, found[existing].Entry);
            }
        }
        return found;
    }

    /// <summary>The sub-index host words carry in the conference layer.</summary>
    internal const int HostSub = 1;

    /// <summary>
    /// The place a host word ties to the meeting: the host just before the host word, which stands a few
    /// words before the meeting ("Norway will host the Meeting"), or just after one that follows it ("hosted by Chile").
    /// </summary>
    private static Hit? HostPlace(MatchContext m, Hit c, List<Hit> places)
    {
        foreach (var h in m.Hits[MatchKind.Conference])
        {
            if (h.Usage.Sub != HostSub)
            {
                continue;
            }
            var before = h.Last < c.First;
            if (before ? c.First - h.Last > 4 : h.First <= c.Last || h.First - c.Last > 6)
            {
                continue;
            }
            foreach (var p in places)
            {
                var d = before ? h.First - p.Last : p.First - h.Last;
                if (d is > 0 and <= 3 && !Broken(m, Math.Min(p.Start, c.Start), Math.Max(p.End, c.End)))
                {
                    return p;
                }
            }
        }
        return null;
    }

    /// <summary>True when a sentence break or a headline colon lies between two offsets.</summary>
    private static bool Broken(MatchContext m, int from, int to) => m.Text.AsSpan(from, to - from).IndexOfAny(".:;!?\n") >= 0;

    private static Hit? NearestPlace(MatchContext m, Hit c, List<Hit> places)
    {
        Hit? place = null;
        var best = int.MaxValue;
        foreach (var p in places)
        {
            // A place just before ("Lima conference") or a few words after ("held in Lima").
            var d = MatchContext.Distance(p.First, p.Last, c.First, c.Last);
            // Headlines compress: "Se inaugura en Lima la segunda conferencia" names the place a few words before.
            var limit = p.Last < c.First ? (c.Start < m.TitleEnd ? 3 : 1) : 8;
            // A sentence break or a headline colon ends the meeting's description.
            if (d > 0 && d <= limit && d < best &&
                m.Text.AsSpan(Math.Min(p.End, c.End), Math.Max(0, Math.Max(p.Start, c.Start) - Math.Min(p.End, c.End))).IndexOfAny(".:;!?\n") < 0)
            {
                best = d;
                place = p;
            }
        }
        return place;
    }
}
