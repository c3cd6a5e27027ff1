using System.Diagnostics;
using System.Text;
using CampaignFlow.Feeds;
using Xunit.Abstractions;
using CampaignFlow.Cli.Tools;

namespace CampaignFlow.Tests.Unit.Feeds;

/// <summary>
/// Hostile documents get a clear error or warnings, never a hang, an expansion or a leak.
/// The bounded outcome is asserted: the error or result, and the memory the parse allocated on its own thread
/// (a count, not a clock). Time is printed for the report and measured in the benchmarks project
/// (FeedParserHostileInputBenchmarks); a generous safety cancel keeps a regression from hanging the suite.
/// </summary>
public sealed class FeedParserHostileInputTests(ITestOutputHelper output) : IDisposable
{
    private const string Secret = "CAMPAIGNFLOW-SECRET-7f3a9c";
    private readonly string secretFile = Path.Combine(Path.GetTempPath(), $"campaignflow-secret-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(secretFile);

    [Fact]
    public void DoesNotExpandBillionLaughs()
    {
        var entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            var previous = i == 1 ? "lol" : $"lol{i - 1}";
            entities.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&{previous};", 10))}\">");
        }
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE rss [{entities}]><rss><channel><title>&lol9;</title><item><title>Story</title></item></channel></rss>";

        var (feed, error) = Run(Encoding.UTF8.GetBytes(xml));

        Assert.Null(error);
        Assert.DoesNotContain("lollol", feed!.Title ?? "", StringComparison.Ordinal);
        Assert.Equal("Story", feed.Items[0].Title);
        Assert.Contains(feed.Warnings, w => w.Contains("not expanded", StringComparison.Ordinal));
    }

    [Fact]
    public void NeverReadsAnExternalEntityFromALocalFile()
    {
        File.WriteAllText(secretFile, Secret);
        var uri = new Uri(secretFile).AbsoluteUri;
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{uri}\">]><rss><channel><title>&xxe;</title><item><title>x &xxe;</title><description>&xxe;</description><link>{uri}</link></item></channel></rss>";

        var (feed, error) = Run(Encoding.UTF8.GetBytes(xml));

        Assert.Null(error);
        Assert.DoesNotContain(Secret, FeedInspector.Describe("xxe", feed!), StringComparison.Ordinal);
        Assert.Contains(feed!.Warnings, w => w.Contains("not expanded", StringComparison.Ordinal));
    }

    [Fact]
    public void NeverReadsAnExternalDtd()
    {
        File.WriteAllText(secretFile, $"<!ENTITY leak \"{Secret}\">");
        var uri = new Uri(secretFile).AbsoluteUri;
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"{uri}\"><rss><channel><title>&leak;</title></channel></rss>";

        var (feed, error) = Run(Encoding.UTF8.GetBytes(xml));

        Assert.DoesNotContain(Secret, feed is null ? error!.Message : FeedInspector.Describe("dtd", feed), StringComparison.Ordinal);
        Assert.True(error is not null || feed!.Warnings.Count > 0);
    }

    [Fact]
    public void IgnoresParameterEntities()
    {
        File.WriteAllText(secretFile, Secret);
        var uri = new Uri(secretFile).AbsoluteUri;
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY % file SYSTEM "{uri}">
              <!ENTITY % wrap "<!ENTITY leak '%file;'>">
              %wrap;
            ]>
            <rss><channel><title>&leak;</title><item><title>Story</title></item></channel></rss>
            """;

        var (feed, error) = Run(Encoding.UTF8.GetBytes(xml));

        Assert.Null(error);
        Assert.DoesNotContain(Secret, FeedInspector.Describe("pe", feed!), StringComparison.Ordinal);
        Assert.Equal("Story", feed!.Items[0].Title);
        Assert.NotEmpty(feed.Warnings);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsDeepNesting(bool closed)
    {
        const int depth = 200_000;
        var builder = new StringBuilder("<rss><channel><item><title>");
        builder.Insert(builder.Length, "<a>", depth);
        if (closed)
        {
            builder.Insert(builder.Length, "</a>", depth);
            builder.Append("</title></item></channel></rss>");
        }

        var (_, error) = Run(Encoding.UTF8.GetBytes(builder.ToString()));

        Assert.NotNull(error);
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsA50MegabyteFeedWithoutParsingIt()
    {
        var item = "<item><title>Cluster munitions</title><link>https://example.org/x</link><description>" + new string('x', 900) + "</description></item>";
        var builder = new StringBuilder("<rss version=\"2.0\"><channel><title>Big</title>");
        while (builder.Length < 50 * 1024 * 1024)
        {
            builder.Append(item);
        }
        builder.Append("</channel></rss>");
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());

        var (_, error) = Run(bytes);

        Assert.NotNull(error);
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
        // Refused by its size before any parsing: far less than a tenth of the document is allocated.
        Assert.True(_lastAllocated < bytes.Length / 10, $"{_lastAllocated} bytes allocated to refuse a {bytes.Length}-byte feed");
    }

    [Fact]
    public void ParsesAFeedJustUnderTheSizeLimit()
    {
        var item = "<item><title>Cluster munitions &amp; more</title><link>https://example.org/x</link><description>" + new string('x', 900) + "</description></item>";
        var builder = new StringBuilder("<rss version=\"2.0\"><channel><title>Big</title>");
        while (builder.Length < FeedParser.MaxDocumentBytes - 2048)
        {
            builder.Append(item);
        }
        builder.Append("</channel></rss>");

        var (feed, error) = Run(Encoding.UTF8.GetBytes(builder.ToString()));

        Assert.Null(error);
        Assert.True(feed!.Items.Count > 5_000);
    }

    [Theory]
    [InlineData("<a/>")]
    [InlineData("<a b=\"\" c=\"\" d=\"\"/>")]
    [InlineData("<a>x</a>")]
    public void RejectsAFloodOfTinyNodes(string node)
    {
        var builder = new StringBuilder("<rss><channel><title>T</title>");
        while (builder.Length < FeedParser.MaxDocumentBytes - 100)
        {
            builder.Append(node);
        }

        var (_, error) = Run(Encoding.UTF8.GetBytes(builder.ToString()));

        Assert.NotNull(error);
        Assert.Contains("XML nodes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsAnElementWithAMillionAttributes(bool closed)
    {
        var builder = new StringBuilder("<rss><channel><item");
        for (var k = 0; builder.Length < FeedParser.MaxDocumentBytes - 100; k++)
        {
            builder.Append(" a").Append(k).Append("=''");
        }
        builder.Append(closed ? "/></channel></rss>" : "");

        var (_, error) = Run(Encoding.UTF8.GetBytes(builder.ToString()));

        Assert.NotNull(error);
        Assert.Contains("attributes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&lt;a")]
    [InlineData("&lt;script")]
    [InlineData("&lt;")]
    public void StripsPathologicalMarkupFromALargeDescription(string unit)
    {
        var body = string.Concat(Enumerable.Repeat(unit, (FeedParser.MaxDocumentBytes - 200) / unit.Length));
        var xml = $"<rss><channel><item><title>T</title><description>{body}</description></item></channel></rss>";

        var bytes = Encoding.UTF8.GetBytes(xml);

        var (feed, error) = Run(bytes);

        Assert.Null(error);
        Assert.Equal("T", feed!.Items[0].Title);
        // Linear, not quadratic: stripping allocates a small multiple of the input (a quadratic strip would be gigabytes).
        Assert.True(_lastAllocated < 40L * bytes.Length, $"{_lastAllocated / 1048576} MiB allocated for a {bytes.Length / 1048576} MiB description");
    }

    [Fact]
    public void RejectsAFloodOfBareAmpersands()
    {
        var xml = "<rss><channel><title>" + new string('&', FeedParser.MaxDocumentBytes - 100) + "</title></channel></rss>";

        var (_, error) = Run(Encoding.UTF8.GetBytes(xml));

        Assert.NotNull(error);
        Assert.Contains("'&'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RejectsRandomBytes(int seed)
    {
        var bytes = new byte[1024 * 1024];
        new Random(seed).NextBytes(bytes);

        var (_, error) = Run(bytes);

        Assert.NotNull(error);
        Assert.Contains("not a feed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n ")]
    [InlineData("\uFEFF")]
    public void RejectsEmptyInput(string text)
    {
        var (_, error) = Run(Encoding.UTF8.GetBytes(text));

        Assert.NotNull(error);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Regjeringen.no</title></head><body><p>Hello &nbsp; world<br></body></html>")]
    [InlineData("<!-- cached --><HTML><BODY><a href=\"/en/rss/\">RSS</a></BODY></HTML>")]
    [InlineData("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Feed moved</p></body></html>")]
    public void RejectsAnHtmlPage(string html)
    {
        var (_, error) = Run(Encoding.UTF8.GetBytes(html));

        Assert.NotNull(error);
        Assert.Equal("an HTML page, not a feed", error.Message);
    }

    /// <summary>Bytes the last <see cref="Run"/> allocated on the parsing thread (other tests' threads do not count).</summary>
    private long _lastAllocated;

    private (ParsedFeed? Feed, FeedParseException? Error) Run(byte[] bytes)
    {
        var stopwatch = Stopwatch.StartNew();
        var task = Task.Factory.StartNew<(ParsedFeed?, FeedParseException?)>(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                return (FeedParser.Parse(bytes), null);
            }
            catch (FeedParseException ex)
            {
                return (null, ex);
            }
            finally
            {
                _lastAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // A generous safety cancel against hangs; the real budget (5 s) is measured, not asserted.
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "no answer within 60 s");
        stopwatch.Stop();
        var allocated = _lastAllocated / (1024.0 * 1024.0);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var (feed, error) = task.Result;
        var outcome = error is not null ? $"error: {error.Message}" : $"{feed!.Items.Count} items, warnings: {string.Join(" | ", feed.Warnings)}";
        output.WriteLine(FormattableString.Invariant(
            $"input {bytes.Length / 1024.0:0.0} KiB: {stopwatch.Elapsed.TotalMilliseconds:0} ms, {allocated:0.0} MiB allocated, process peak working set {peak:0} MiB; {outcome}"));
        return (feed, error);
    }
}
