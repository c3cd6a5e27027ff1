using System.Text.Json;

namespace CampaignFlow.Pipeline;

/// <summary>Versioned JSON for queue messages; an unreadable or unknown-version message is rejected with a reason.</summary>
public static class MessageSerializer
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    public static T Deserialize<T>(string json)
        where T : class
    {
        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException($"{typeof(T).Name} is not valid JSON: {ex.Message}", ex);
        }
        if (message is null)
        {
            throw new InvalidMessageException($"{typeof(T).Name} is empty");
        }
        using var doc = JsonDocument.Parse(json);
        var version = doc.RootElement.TryGetProperty("v", out var v) && v.TryGetInt32(out var n) ? n : 0;
        if (version != CurrentVersion)
        {
            throw new InvalidMessageException($"{typeof(T).Name} has version {version}; this build reads version {CurrentVersion}");
        }
        return message;
    }
}
