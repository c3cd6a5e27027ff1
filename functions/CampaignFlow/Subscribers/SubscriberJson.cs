using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Subscribers;

/// <summary>
/// How a subscriber is written when it leaves the app: <c>subscribers export ADDRESS</c> (indented) and the scheduled
/// export of the whole list (one compact object per line) use the same names and values.
/// </summary>
public static class SubscriberJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
