namespace CampaignFlow.Delivery;

/// <summary>One reason a template file is refused, on the line it is on: <c>alert.fr.html:12: message</c>.</summary>
public sealed record TemplateProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
