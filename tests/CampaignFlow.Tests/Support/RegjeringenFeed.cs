using System.Security;

namespace CampaignFlow.Tests.Support;

/// <summary>Writes RSS 2.0 in the shape of regjeringen.no's feeds (guid = permalink, dc:creator = the ministry).</summary>
public static class RegjeringenFeed
{
    public static string Rss(string language, params FixtureItem[] items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
          <channel>
            <title>{(language == "no" ? "Regjeringen.no - nyheter" : "Government.no - news")}</title>
            <link>https://www.regjeringen.no/{language}/</link>
            <description>regjeringen.no</description>
            <language>{language}</language>
            <atom:link href="https://www.regjeringen.no/{language}/rss/Rss/2581966/" rel="self" type="application/rss+xml" />
        {string.Concat(items.Select(Item))}
          </channel>
        </rss>
        """;

    private static string Item(FixtureItem item) => $"""
            <item>
              <title>{SecurityElement.Escape(item.Title)}</title>
              <link>{SecurityElement.Escape(item.Link)}</link>
              <description>{SecurityElement.Escape(item.Summary ?? "Summary of " + item.Title)}</description>
              <guid isPermaLink="true">{SecurityElement.Escape(item.Link)}</guid>
              <pubDate>{item.Published:R}</pubDate>
              <dc:creator>{SecurityElement.Escape(item.Creator)}</dc:creator>
            </item>

        """;
}
