using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CampaignFlow.Tests.Infra;

/// <summary>
/// Every KQL query the infra deploys (the alert rules and the workbook, as compiled), and the telemetry names they filter
/// on: <c>name == "…"</c> and <c>name in ("…", …)</c> over customEvents and customMetrics (requests are filtered by
/// <c>operation_Name</c>, so <c>name</c> always means a custom event or metric here).
/// </summary>
public static partial class InfraQueries
{
    /// <summary>The alert rules of the alerts module: the compiled <c>rules</c> variable.</summary>
    public static IReadOnlyList<JsonObject> AlertRules() =>
        BicepTemplate.Module(BicepTemplate.Compiled(), "alerts")["variables"]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();

    public static JsonObject AlertRule(string name) => AlertRules().Single(r => (string?)r["name"] == name);

    /// <summary>The workbook as deployed (the serialized notebook of the workbook module).</summary>
    public static JsonNode Workbook()
    {
        var module = BicepTemplate.Module(BicepTemplate.Compiled(), "workbook");
        var workbook = BicepTemplate.ResourcesOfType(module, "Microsoft.Insights/workbooks").Single();
        return JsonNode.Parse(BicepTemplate.ResolveString(module, workbook["properties"]!["serializedData"]))!;
    }

    /// <summary>Every item of the workbook, groups (type 12) included.</summary>
    public static IEnumerable<JsonObject> WorkbookItems(JsonNode? notebook = null)
    {
        foreach (var item in (notebook ?? Workbook())["items"]!.AsArray().Select(i => i!.AsObject()))
        {
            yield return item;
            if (item["content"]?["items"] is JsonArray)
            {
                foreach (var inner in WorkbookItems(item["content"]))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The query of every workbook query item (type 3), keyed by the item's name.</summary>
    public static IReadOnlyDictionary<string, string> WorkbookQueries() =>
        WorkbookItems().Where(i => (int?)i["type"] == 3).ToDictionary(i => (string)i["name"]!, i => (string)i["content"]!["query"]!);

    /// <summary>Every query: "alert:&lt;rule&gt;" and "workbook:&lt;item&gt;" → KQL (an alert query may still be an ARM format() expression).</summary>
    public static IReadOnlyDictionary<string, string> All()
    {
        var all = AlertRules().ToDictionary(r => $"alert:{r["name"]}", r => r["query"]!.ToString());
        foreach (var (name, query) in WorkbookQueries())
        {
            all[$"workbook:{name}"] = query;
        }
        return all;
    }

    /// <summary>The custom event and metric names a query filters on.</summary>
    public static IReadOnlyList<string> TelemetryNames(string query)
    {
        var names = NameComparison().Matches(query).Select(m => m.Groups["name"].Value).ToList();
        foreach (Match list in NameInList().Matches(query))
        {
            names.AddRange(Literal().Matches(list.Groups["list"].Value).Select(m => m.Groups["value"].Value));
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The function names a query filters requests on (<c>operation_Name == "…"</c>, <c>datatable(operation_Name: string) […]</c>).</summary>
    public static IReadOnlyList<string> FunctionNames(string query)
    {
        var names = OperationComparison().Matches(query).Select(m => m.Groups["name"].Value).ToList();
        foreach (Match table in OperationTable().Matches(query))
        {
            names.AddRange(Literal().Matches(table.Groups["list"].Value).Select(m => m.Groups["value"].Value));
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\bname\s*(?:==|=~|!=|!~)\s*""(?<name>[^""]*)""")]
    private static partial Regex NameComparison();

    [GeneratedRegex(@"\bname\s+(?:!?in~?)\s*\((?<list>[^)]*)\)")]
    private static partial Regex NameInList();

    [GeneratedRegex(@"\boperation_Name\s*(?:==|=~)\s*""(?<name>[^""]*)""")]
    private static partial Regex OperationComparison();

    [GeneratedRegex(@"datatable\s*\(\s*operation_Name\s*:\s*string\s*\)\s*\[(?<list>[^\]]*)\]")]
    private static partial Regex OperationTable();

    [GeneratedRegex(@"""(?<value>[^""]*)""")]
    private static partial Regex Literal();
}
