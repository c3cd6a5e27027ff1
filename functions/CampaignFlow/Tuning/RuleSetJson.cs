using System.Text.Json;
using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>Writes a rule set as the JSON staff see in the raw view and the loader reads back (camelCase, indented).</summary>
public static class RuleSetJson
{
    private static readonly JsonSerializerOptions Options = new(RuleSetLoader.Json)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(RuleSet rules) => JsonSerializer.Serialize(rules, Options);
}
