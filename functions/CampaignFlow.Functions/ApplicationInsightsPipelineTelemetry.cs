using System.Globalization;
using CampaignFlow.Telemetry;
using Microsoft.ApplicationInsights;

namespace CampaignFlow.Functions;

/// <summary>Pipeline events as Application Insights custom events and metrics (never sampled away: see host.json).</summary>
internal sealed class ApplicationInsightsPipelineTelemetry(TelemetryClient client) : IPipelineTelemetry
{
    public void Track(string eventName, string? storyId = null, IReadOnlyDictionary<string, object?>? properties = null)
    {
        var values = new Dictionary<string, string>();
        var metrics = new Dictionary<string, double>();
        if (storyId is not null)
        {
            values["storyId"] = storyId;
        }
        foreach (var (key, value) in properties ?? new Dictionary<string, object?>())
        {
            if (value is int or long or double or float or decimal)
            {
                metrics[key] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
            values[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        client.TrackEvent(eventName, values, metrics);
    }

    public void Metric(string name, double value, IReadOnlyDictionary<string, string>? dimensions = null)
    {
        var metric = new Microsoft.ApplicationInsights.DataContracts.MetricTelemetry(name, value);
        foreach (var (key, dimension) in dimensions ?? new Dictionary<string, string>())
        {
            metric.Properties[key] = dimension;
        }
        client.TrackMetric(metric);
    }
}
