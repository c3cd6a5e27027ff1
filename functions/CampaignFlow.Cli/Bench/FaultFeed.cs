using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace CampaignFlow.Cli.Bench;

/// <summary>One story the scripted feed server publishes: a stable guid, and text taken from the labeled corpus.</summary>
public sealed record FaultFeedItem(string Guid, string Link, string Title, string Body, DateTimeOffset Published);

/// <summary>
/// The story stream of the fault bench: items built from the project's labeled corpus (relevant and irrelevant, in
/// several languages), served as RSS 2.0 or Atom 1.0, newest first, in whatever order and with whatever edits a
/// scenario makes. Every item the feed has ever shown is remembered, for the expected mails.
/// </summary>
public sealed class FaultFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly List<(string Title, string Body)> _texts;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly Lock _gate = new();
    private List<FaultFeedItem> _current = [];
    private readonly Dictionary<string, FaultFeedItem> _everShown = new(StringComparer.Ordinal);
    private int _next;

    public FaultFeed(string corpusPath)
    {
        _texts = File.ReadLines(corpusPath).Where(l => l.Length > 0).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            return (doc.RootElement.GetProperty("title").GetString()!, doc.RootElement.GetProperty("body").GetString()!);
        }).ToList();
    }

    /// <summary>Whether the feed is served as Atom (else RSS 2.0).</summary>
    public bool AtomFormat { get; set; }

    /// <summary>Every item the feed has shown, by guid (the last version shown).</summary>
    public IReadOnlyCollection<FaultFeedItem> EverShown { get { lock (_gate) { return _everShown.Values.ToList(); } } }

    /// <summary>Makes <paramref name="count"/> new items (the next corpus texts, cycling) and puts them on top of the feed.</summary>
    public IReadOnlyList<FaultFeedItem> Add(int count)
    {
        lock (_gate)
        {
            var added = new List<FaultFeedItem>();
            for (var i = 0; i < count; i++)
            {
                var n = ++_next;
                var (title, body) = _texts[(n - 1) % _texts.Count];
                var round = (n - 1) / _texts.Count;
                added.Add(new FaultFeedItem(
                    $"https://feeds.example.org/bench/id{100000 + n}/",
                    $"https://www.regjeringen.no/en/aktuelt/bench-{n}/id{100000 + n}/",
                    round == 0 ? title : $"{title} ({round + 1})",
                    body,
                    _start.AddSeconds(n)));
            }
            added.Reverse();
            _current = [.. added, .. _current];
            foreach (var item in added)
            {
                _everShown[item.Guid] = item;
            }
            return added;
        }
    }

    /// <summary>Edits the title and body of every <paramref name="every"/>th item and shuffles the order.</summary>
    public void EditAndReorder(int every, int seed)
    {
        lock (_gate)
        {
            _current = _current.Select((item, i) => i % every == 0 ? item with { Title = item.Title + " (updated)", Body = item.Body + " This story was updated." } : item)
                .ToList();
            var random = new Random(seed);
            _current = _current.OrderBy(_ => random.Next()).ToList();
            foreach (var item in _current)
            {
                _everShown[item.Guid] = item;
            }
        }
    }

    /// <summary>The feed document as served now.</summary>
    public string Render()
    {
        List<FaultFeedItem> items;
        lock (_gate)
        {
            items = _current.ToList();
        }
        return AtomFormat ? RenderAtom(items) : RenderRss(items);
    }

    private static string RenderRss(List<FaultFeedItem> items) =>
        new XDocument(new XElement("rss", new XAttribute("version", "2.0"), new XElement("channel",
            new XElement("title", "Fault bench ministry news"),
            new XElement("link", "https://www.regjeringen.no/en/"),
            new XElement("description", "Scripted story stream"),
            items.Select(i => new XElement("item",
                new XElement("title", i.Title),
                new XElement("link", i.Link),
                new XElement("guid", new XAttribute("isPermaLink", "false"), i.Guid),
                new XElement("pubDate", i.Published.ToString("r", CultureInfo.InvariantCulture)),
                new XElement("description", i.Body)))))).ToString();

    private static string RenderAtom(List<FaultFeedItem> items) =>
        new XDocument(new XElement(Atom + "feed",
            new XElement(Atom + "title", "Fault bench ministry news"),
            new XElement(Atom + "id", "https://feeds.example.org/bench/"),
            new XElement(Atom + "updated", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            new XElement(Atom + "link", new XAttribute("href", "https://www.regjeringen.no/en/")),
            items.Select(i => new XElement(Atom + "entry",
                new XElement(Atom + "id", i.Guid),
                new XElement(Atom + "title", i.Title),
                new XElement(Atom + "link", new XAttribute("href", i.Link)),
                new XElement(Atom + "published", i.Published.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                new XElement(Atom + "updated", i.Published.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                new XElement(Atom + "summary", i.Body))))).ToString();
}
