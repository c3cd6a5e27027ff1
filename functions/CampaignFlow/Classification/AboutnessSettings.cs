namespace CampaignFlow.Classification;

/// <summary>
/// How the place of the evidence decides what a story is <em>about</em>, not only what it mentions:
/// the headline and lead weigh more than the background, a topic spread over several paragraphs more than
/// one aside, obligations recited from the treaty text little, and for regions the states named up front
/// or beside the weapon more than those named in passing. The defaults change nothing.
/// </summary>
public sealed record AboutnessSettings
{
    /// <summary>A topic term in the lead (the body's first paragraph) weighs this many times its weight.</summary>
    public double LeadFactor { get; init; } = 1.0;
    /// <summary>A topic term after the lead weighs this many times its weight.</summary>
    public double BackgroundFactor { get; init; } = 1.0;
    /// <summary>Added to a topic's score for each paragraph (the headline counts as one) after the first its terms appear in.</summary>
    public double SpreadBonus { get; init; }
    /// <summary>Paragraphs counted for <see cref="SpreadBonus"/> at most.</summary>
    public int MaxSpread { get; init; } = 3;
    /// <summary>
    /// Cue phrases of treaty boilerplate ("requires states parties to", "oblige les États", "pålegger statene",
    /// "dentro de los plazos"): topic terms in the same sentence weigh <see cref="BoilerplateFactor"/> times.
    /// </summary>
    public IReadOnlyList<TermGroup> Boilerplate { get; init; } = [];
    /// <summary>
    /// A sentence with terms of at least this many different topics is a list of obligations, weighed as
    /// boilerplate ("destroy stockpiles, clear contaminated land and assist victims"); 0 turns this off.
    /// </summary>
    public int ListTopics { get; init; }
    public double BoilerplateFactor { get; init; } = 1.0;
    /// <summary>What a state's (or region word's) mention after the lead is worth, against 1 in the headline or lead.</summary>
    public double RegionBackgroundWeight { get; init; } = 1.0;
    /// <summary>A mention after the lead within this many words of an anchor counts fully: the state acts on the weapon (0: off).</summary>
    public int RegionAnchorWithin { get; init; }
    /// <summary>
    /// The home state counts for its own measures when named up to this paragraph: 0 the headline only,
    /// 1 the headline or lead.
    /// </summary>
    public int HomeParagraphs { get; init; }
    /// <summary>
    /// In a story about a meeting (a host topic assigned), these topics are assigned only when the headline names
    /// them: what a meeting reviews (clearance, stockpiles, who joined) is its agenda, not the story's subject.
    /// </summary>
    public IReadOnlyList<string> MeetingHeadlineTopics { get; init; } = [];
    /// <summary>
    /// A meeting held in the home state makes it a region in any story about that meeting, not only in one about
    /// the ban (the labels' rule: "a meeting held in Norway").
    /// </summary>
    public bool HomeHostsAnyMeeting { get; init; }
}
