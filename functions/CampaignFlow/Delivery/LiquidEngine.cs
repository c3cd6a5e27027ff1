using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace CampaignFlow.Delivery;

/// <summary>
/// The one Liquid parser and rendering options every email template uses (Fluid). A tag (<c>{% … %}</c>) swallows
/// the white space after it up to and including the line break, so a condition or loop on its own line leaves no
/// empty line, and a line inside an <c>{% if %}</c> whose value is empty is left out as a whole.
/// </summary>
internal static class LiquidEngine
{
    public static FluidParser Parser { get; } = new();

    // A digest has at most a day's stories: the limits only stop a template that loops on itself.
    public static TemplateOptions Options { get; } = new TemplateOptionsBuilder()
        .WithTrimming(TrimmingFlags.TagRight)
        .WithGreedy(false)
        .WithCultureInfo(CultureInfo.InvariantCulture)
        .WithMaxSteps(100_000)
        .WithMaxRecursion(10)
        .Build();

    /// <summary>HTML-encodes &lt; &gt; &amp; and quotes; letters of every script stay as they are (the mail is UTF-8).</summary>
    public static TextEncoder Html { get; } = HtmlEncoder.Create(UnicodeRanges.All);
}
