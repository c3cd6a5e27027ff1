using System.Text;

namespace CampaignFlow.Tests.Feeds;

/// <summary>Test fixtures copied next to the test assembly, and small helpers to build feeds inline.</summary>
internal static class FeedFixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Support", "Feeds", "Fixtures", name));

    public static byte[] Utf8(string xml) => Encoding.UTF8.GetBytes(xml);

    public static byte[] Rss(string channelContent) =>
        Utf8($"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>{channelContent}</channel></rss>""");
}
