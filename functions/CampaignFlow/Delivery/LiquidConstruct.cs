namespace CampaignFlow.Delivery;

/// <summary>
/// One Liquid construct of a template's source — an output <c>{{ … }}</c> or a tag <c>{% … %}</c> — where it stands
/// (offset, 1-based line) and what is between its delimiters (without the <c>-</c> trim markers).
/// </summary>
internal sealed record LiquidConstruct(int Offset, int Length, int Line, bool IsTag, string Inner)
{
    /// <summary>The tag's name (<c>if</c>, <c>endfor</c> …); empty for an output.</summary>
    public string TagName => IsTag ? Inner.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "" : "";

    /// <summary>The tag's arguments (<c>story in stories</c> of <c>for story in stories</c>).</summary>
    public string Arguments => IsTag && Inner.Length > TagName.Length ? Inner[TagName.Length..].Trim() : "";

    /// <summary>As written, for messages: <c>{{ title }}</c>, <c>{% if link %}</c>.</summary>
    public string Shown => IsTag ? $"{{% {Inner} %}}" : $"{{{{ {Inner} }}}}";
}
