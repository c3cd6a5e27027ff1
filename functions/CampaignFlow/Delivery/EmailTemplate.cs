using System.Text;
using Fluid;
using Fluid.Values;

namespace CampaignFlow.Delivery;

/// <summary>
/// A staff-editable email template (<c>config/templates/NAME.LANG.html</c> and <c>.txt</c>, the text file's first
/// line being <c>Subject: …</c>), in Liquid, parsed by Fluid and checked by <see cref="EmailTemplateLoader"/>. Every
/// value is folded to one line of plain text and encoded by the engine: HTML-encoded in the HTML part, as it is in the
/// subject and the text part. An empty value is no value, so <c>{% if summary %}</c> leaves its lines out.
/// </summary>
public sealed class EmailTemplate
{
    private readonly IFluidTemplate _subject;
    private readonly IFluidTemplate _html;
    private readonly IFluidTemplate _text;

    internal EmailTemplate(IFluidTemplate subject, IFluidTemplate html, IFluidTemplate text) => (_subject, _html, _text) = (subject, html, text);

    /// <summary>
    /// Renders the three parts. Values are strings, string-keyed dictionaries of values (<c>brand.name</c>) or lists of
    /// them (<c>stories</c>); null and empty strings are left undefined.
    /// </summary>
    public (string Subject, string Html, string Text) Render(IReadOnlyDictionary<string, object?> values)
    {
        var context = new TemplateContext(LiquidEngine.Options);
        foreach (var (name, value) in values)
        {
            if (Plain(value) is { } plain)
            {
                context.SetValue(name, FluidValue.Create(plain, LiquidEngine.Options));
            }
        }
        var subject = Truncate(OneLine(_subject.Render(context, NullEncoder.Default)), 200);
        return (subject, _html.Render(context, LiquidEngine.Html), TrimLineEnds(_text.Render(context, NullEncoder.Default)));
    }

    /// <summary>Values as the engine reads them: strings on one line, empty ones dropped.</summary>
    private static object? Plain(object? value) => value switch
    {
        null => null,
        string text => OneLine(text) is { Length: > 0 } line ? line : null,
        IReadOnlyDictionary<string, object?> map => map.Select(p => (p.Key, Value: Plain(p.Value))).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
        IEnumerable<IReadOnlyDictionary<string, object?>> items => items.Select(Plain).OfType<object>().ToList(),
        _ => throw new ArgumentException($"a template value is a string, a dictionary or a list of dictionaries, not {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Collapses every control character (CR, LF, tab …) and run of spaces to one space.</summary>
    public static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!space || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(space ? ' ' : c);
            }
        }
        return builder.ToString().Trim();
    }

    /// <summary>No trailing spaces in the text part (a line whose last value is empty would keep its separator's space).</summary>
    private static string TrimLineEnds(string text) => string.Join('\n', text.Split('\n').Select(l => l.TrimEnd(' ')));

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
