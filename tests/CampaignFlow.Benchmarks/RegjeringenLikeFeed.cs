using System.Globalization;
using System.Security;
using System.Text;

namespace CampaignFlow.Benchmarks;

/// <summary>RSS 2.0 documents in the shape of regjeringen.no's all-ministries feed (100 items, dc:creator, permalink guids).</summary>
public static class RegjeringenLikeFeed
{
    private static readonly string[] Ministries = ["Ministry of Foreign Affairs", "Ministry of Finance", "Ministry of Defence", "Ministry of Health and Care Services"];

    public static byte[] Build(int document, int items)
    {
        var xml = new StringBuilder();
        xml.Append("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>Government.no</title><link>https://www.regjeringen.no/en/</link><description>News</description><language>en</language>
            <atom:link href="https://www.regjeringen.no/en/rss/Rss/2581966/" rel="self" type="application/rss+xml" />
            """);
        var start = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < items; i++)
        {
            var id = (2_500_000 + document * 37 + i).ToString(CultureInfo.InvariantCulture);
            var link = $"https://www.regjeringen.no/en/aktuelt/story-{id}/id{id}/";
            xml.Append(CultureInfo.InvariantCulture, $"""
                <item><title>{SecurityElement.Escape($"Norway pledges support for clearance of cluster munitions, release {id}")}</title>
                <link>{link}</link>
                <description>{SecurityElement.Escape("The Government will support the clearance of cluster munition remnants &amp; victim assistance under the Convention on Cluster Munitions, the Minister of Foreign Affairs announced at the meeting of States Parties.")}</description>
                <guid isPermaLink="true">{link}</guid>
                <pubDate>{start.AddMinutes(-(document * items + i)):R}</pubDate>
                <dc:creator>{Ministries[i % Ministries.Length]}</dc:creator></item>

                """);
        }
        xml.Append("</channel></rss>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
