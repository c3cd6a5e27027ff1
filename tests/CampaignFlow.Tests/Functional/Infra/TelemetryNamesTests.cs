using System.Reflection;
using System.Text.RegularExpressions;
using CampaignFlow.Telemetry;
using Microsoft.Azure.Functions.Worker;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>
/// What operators see must be true: every custom event and metric an alert or the workbook queries is one the code
/// defines in <see cref="PipelineEvents"/>, every emitter names its event from there, and every name defined there is emitted.
/// </summary>
public sealed partial class TelemetryNamesTests
{
    private static readonly string[] Defined = typeof(PipelineEvents)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(BicepTemplate.RepositoryRoot, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(BicepTemplate.RepositoryRoot, p), File.ReadAllText(p)));

    [Fact]
    public void EveryEventAndMetricTheInfraQueriesIsOneTheCodeDefines()
    {
        var queries = InfraQueries.All();
        var unknown = queries
            .SelectMany(q => InfraQueries.TelemetryNames(q.Value).Select(name => (Query: q.Key, Name: name)))
            .Where(x => !Defined.Contains(x.Name))
            .Select(x => $"{x.Query} queries \"{x.Name}\"")
            .ToList();

        Assert.True(queries.Count > 10, "expected the alert rules and the workbook's queries");
        Assert.True(unknown.Count == 0, "Not an event or metric in PipelineEvents (filter requests by operation_Name):\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void EveryEmitterNamesItsEventFromPipelineEvents()
    {
        var literal = Sources()
            .SelectMany(s => LiteralName().Matches(s.Text).Select(m => $"{s.Path}: {m.Value}"))
            .ToList();
        var direct = Sources()
            .Where(s => DirectClient().IsMatch(s.Text) && !s.Path.EndsWith("ApplicationInsightsPipelineTelemetry.cs", StringComparison.Ordinal))
            .Select(s => s.Path)
            .ToList();

        Assert.True(literal.Count == 0, "Events named by a literal instead of a PipelineEvents constant:\n" + string.Join('\n', literal));
        Assert.True(direct.Count == 0, "TelemetryClient used outside ApplicationInsightsPipelineTelemetry:\n" + string.Join('\n', direct));
    }

    [Fact]
    public void EveryNameTheCodeDefinesIsEmitted()
    {
        var emitted = Sources()
            .SelectMany(s => EmittedName().Matches(s.Text).Select(m => m.Groups["field"].Value))
            .Select(field => (string?)typeof(PipelineEvents).GetField(field)?.GetRawConstantValue())
            .ToHashSet(StringComparer.Ordinal);

        var silent = Defined.Where(name => !emitted.Contains(name)).ToList();

        Assert.True(silent.Count == 0, "Defined in PipelineEvents but emitted nowhere: " + string.Join(", ", silent));
    }

    [Fact]
    public void EveryFunctionTheAlertsWatchExists()
    {
        var functions = typeof(CampaignFlow.Functions.PollNewsFeed).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var watched = InfraQueries.All().SelectMany(q => InfraQueries.FunctionNames(q.Value)).ToList();

        Assert.Contains("PollNewsFeed", watched);
        Assert.All(watched, name => Assert.Contains(name, functions));
    }

    [GeneratedRegex(@"\.(?:Track|Metric)\(\s*\$?""[^""]*""")]
    private static partial Regex LiteralName();

    [GeneratedRegex(@"\.(?:TrackEvent|TrackMetric|GetMetric)\(")]
    private static partial Regex DirectClient();

    [GeneratedRegex(@"\.(?:Track|Metric)\(\s*PipelineEvents\.(?<field>\w+)")]
    private static partial Regex EmittedName();
}
