using System.Text;
using BenchmarkDotNet.Attributes;
using CampaignFlow.Feeds;

namespace CampaignFlow.Benchmarks;

/// <summary>
/// How fast the parser answers hostile documents, the time FeedParserHostileInputTests do not assert: a feed over the
/// size limit (refused before parsing), a description of 10 MB of "&amp;lt;a" (markup stripping stays linear) and a flood
/// of tiny nodes (refused at the node limit). The contract's budget is 5 s per source; these should be far below.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn, MaxColumn]
public class FeedParserHostileInputBenchmarks
{
    private byte[] _oversized = [];
    private byte[] _pathologicalMarkup = [];
    private byte[] _nodeFlood = [];

    [GlobalSetup]
    public void Setup()
    {
        var item = "<item><title>Cluster munitions</title><link>https://example.org/x</link><description>" + new string('x', 900) + "</description></item>";
        var big = new StringBuilder("<rss version=\"2.0\"><channel><title>Big</title>");
        while (big.Length < 50 * 1024 * 1024)
        {
            big.Append(item);
        }
        _oversized = Encoding.UTF8.GetBytes(big.Append("</channel></rss>").ToString());

        var body = string.Concat(Enumerable.Repeat("&lt;a", (FeedParser.MaxDocumentBytes - 200) / 5));
        _pathologicalMarkup = Encoding.UTF8.GetBytes($"<rss><channel><item><title>T</title><description>{body}</description></item></channel></rss>");

        var flood = new StringBuilder("<rss><channel><title>T</title>");
        while (flood.Length < FeedParser.MaxDocumentBytes - 100)
        {
            flood.Append("<a/>");
        }
        _nodeFlood = Encoding.UTF8.GetBytes(flood.ToString());
    }

    [Benchmark]
    public string Oversized() => Outcome(_oversized);

    [Benchmark]
    public string PathologicalMarkup() => Outcome(_pathologicalMarkup);

    [Benchmark]
    public string NodeFlood() => Outcome(_nodeFlood);

    private static string Outcome(byte[] bytes)
    {
        try
        {
            return FeedParser.Parse(bytes).Items[0].Title ?? "";
        }
        catch (FeedParseException ex)
        {
            return ex.Message;
        }
    }
}
