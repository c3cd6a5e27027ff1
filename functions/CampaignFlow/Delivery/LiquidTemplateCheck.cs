using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace CampaignFlow.Delivery;

/// <summary>
/// Checks one template source (a subject, a text body or an HTML file) as Liquid: Fluid's parser first (its errors
/// carry the line and column), then each construct on its line: only the tags and filters of
/// <see cref="TemplateCatalog"/>, only the template's own variables. The HTML-specific checks build on the result.
/// </summary>
internal static partial class LiquidTemplateCheck
{
    /// <summary>
    /// The check's findings, or null when the source is not valid Liquid (the problem is reported). <c>firstLine</c> is
    /// the file line the source starts on (2 for a text body, after the subject line).
    /// </summary>
    public static LiquidCheck? Run(string file, string name, string source, int firstLine, List<TemplateProblem> problems)
    {
        void Add(int line, string message) => problems.Add(new TemplateProblem(file, line + firstLine - 1, message));
        if (!LiquidEngine.Parser.TryParse(source, out var template, out var error))
        {
            var at = ErrorPosition().Match(error);
            var message = (at.Success ? error[..at.Index] : error.Split('\n')[0]).Trim();
            Add(at.Success ? int.Parse(at.Groups[1].Value) : 1, $"not valid Liquid: {message}{(at.Success ? $" (column {at.Groups[2].Value})" : "")}");
            return null;
        }
        var constructs = LiquidScanner.Scan(source);
        if (constructs.FirstOrDefault(c => c.TagName is "raw" or "comment") is { } hidden)
        {
            Add(hidden.Line, $"{{% {hidden.TagName} %}} is not used in email templates: write a comment as <!-- … --> in the HTML");
            return null;
        }
        var uses = new List<LiquidUse>();
        var blocks = new List<LiquidBlock>();
        var open = new Stack<List<LiquidConstruct>>();
        var loops = new Stack<(string Variable, string Collection)>();
        foreach (var construct in constructs)
        {
            if (construct.IsTag && !TemplateCatalog.Tags.Contains(construct.TagName))
            {
                Add(construct.Line, $"{construct.Shown} is not used in email templates: only {{% if %}}, {{% unless %}} and {{% for %}} (with else, elsif, break, continue)");
                uses.Add(new LiquidUse(construct, [], null));
                continue;
            }
            var use = Understand(construct, name, loops, message => Add(construct.Line, message));
            uses.Add(use);
            switch (construct.TagName)
            {
                case "if" or "unless" or "for":
                    open.Push([construct]);
                    break;
                case "elsif" or "else" when open.Count > 0:
                    open.Peek().Add(construct);
                    break;
                case "endif" or "endunless" or "endfor" when open.Count > 0:
                    var tags = open.Pop();
                    tags.Add(construct);
                    blocks.Add(new LiquidBlock(tags));
                    if (construct.TagName == "endfor" && loops.Count > 0)
                    {
                        loops.Pop();
                    }
                    break;
            }
        }
        return new LiquidCheck(template, uses, blocks);
    }

    private static LiquidUse Understand(LiquidConstruct construct, string name, Stack<(string Variable, string Collection)> loops, Action<string> add)
    {
        var probe = construct.TagName switch
        {
            "" => $"{{{{ {construct.Inner} }}}}",
            "if" or "elsif" or "unless" => $"{{% if {construct.Arguments} %}}{{% endif %}}",
            "for" => $"{{% for {construct.Arguments} %}}{{% endfor %}}",
            _ => null,
        };
        if (probe is null || !LiquidEngine.Parser.TryParse(probe, out var parsed, out _) || parsed is not IStatementList list)
        {
            return new LiquidUse(construct, [], null);
        }
        var found = new Collector();
        foreach (var statement in list.Statements)
        {
            found.Visit(statement);
        }
        foreach (var filter in found.Filters.Where(f => !TemplateCatalog.Filters.Contains(f)).Distinct())
        {
            add($"the filter '{filter}' is not used in email templates; these are: {string.Join(", ", TemplateCatalog.Filters.Order(StringComparer.Ordinal))}");
        }
        var known = TemplateCatalog.VariablesOf(name);
        var variables = new List<string>();
        foreach (var segments in found.Members)
        {
            var path = Resolve(segments, loops);
            if (path.StartsWith("forloop", StringComparison.Ordinal) && loops.Count > 0)
            {
                continue;
            }
            variables.Add(path);
            if (!known.Contains(path))
            {
                add($"unknown variable {{{{ {string.Join('.', segments)} }}}}; {name} templates know {Describe(name)}");
            }
        }
        if (found.LoopVariable is { } loopVariable)
        {
            var collection = variables.FirstOrDefault() ?? "";
            if (!known.Any(k => k.StartsWith(collection + "[].", StringComparison.Ordinal)))
            {
                add($"{construct.Shown} goes over nothing a {name} template has: {(known.Contains("stories") ? "write {% for story in stories %}" : "it has no list")}");
            }
            loops.Push((loopVariable, collection));
        }
        var bare = construct.IsTag || found.Filters.Count > 0 || list.Statements is not [OutputStatement { Expression: MemberExpression }] || variables.Count != 1
            ? null
            : variables[0];
        return new LiquidUse(construct, variables, bare);
    }

    private static string Resolve(IReadOnlyList<string> segments, Stack<(string Variable, string Collection)> loops)
    {
        var loop = loops.FirstOrDefault(l => l.Variable == segments[0]);
        return loop.Variable is null
            ? string.Join('.', segments)
            : string.Join('.', [loop.Collection + "[]", .. segments.Skip(1)]);
    }

    /// <summary>The variables of a template as staff write them: <c>{{ title }}</c>, …, and in a loop <c>story.title</c>, ….</summary>
    public static string Describe(string name)
    {
        var all = TemplateCatalog.VariablesOf(name);
        var roots = all.Where(v => !v.Contains("[]", StringComparison.Ordinal)).Select(v => $"{{{{ {v} }}}}");
        var fields = all.Where(v => v.Contains("[].", StringComparison.Ordinal)).Select(v => "story." + v[(v.IndexOf("[].", StringComparison.Ordinal) + 3)..]).ToList();
        return string.Join(", ", roots) + (fields.Count == 0 ? "" : $", and in {{% for story in stories %}}: {string.Join(", ", fields)}");
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex ErrorPosition();

    /// <summary>Collects the variables (identifier paths), filters and loop variable of one parsed construct.</summary>
    private sealed class Collector : AstVisitor
    {
        public List<IReadOnlyList<string>> Members { get; } = [];
        public List<string> Filters { get; } = [];
        public string? LoopVariable { get; private set; }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var path = memberExpression.Segments.TakeWhile(s => s is IdentifierSegment).Select(s => ((IdentifierSegment)s).Identifier).ToList();
            if (path.Count > 0)
            {
                Members.Add(path);
            }
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            Filters.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            LoopVariable = forStatement.Identifier;
            return base.VisitForStatement(forStatement);
        }
    }
}
