using System.Text.Json;
using CampaignFlow.Web.Subscriptions;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Http;

/// <summary>
/// The fields of a urlencoded or multipart form, or of a flat JSON object (strings, or arrays of them), by name. Topics
/// and regions may come as repeated fields (checkboxes), comma- or semicolon-separated text, or JSON arrays.
/// </summary>
public sealed class FormFields
{
    private readonly Dictionary<string, string[]> _fields;

    private FormFields(Dictionary<string, string[]> fields) => _fields = fields;

    public static FormFields Empty { get; } = new(new(StringComparer.OrdinalIgnoreCase));

    /// <summary>The request's fields; null when the body cannot be read.</summary>
    public static async Task<FormFields?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return new(form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase));
            }
            if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                return new(doc.RootElement.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray() : [p.Value.ToString()],
                    StringComparer.OrdinalIgnoreCase));
            }
            return Empty;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    public string? this[string name] => _fields.GetValueOrDefault(name)?.FirstOrDefault();

    public SubmittedChoices Choices() => new()
    {
        Name = this["name"],
        Language = this["language"],
        Topics = List("topics"),
        Regions = List("regions"),
        Cadence = this["cadence"],
    };

    public SignUpForm SignUp() => new(this["email"], this[Pages.SignUpPage.Honeypot], Choices());

    private List<string>? List(string name) =>
        _fields.TryGetValue(name, out var values)
            ? [.. values.SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : null;
}
