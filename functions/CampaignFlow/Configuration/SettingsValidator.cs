using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Configuration;

/// <summary>
/// Validates an options class with its data annotations and names each failure by the app setting an
/// operator sets (<c>Email__FromAddress</c>), not by the C# member.
/// </summary>
public sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(results.Select(r =>
        {
            var setting = string.Join(", ", r.MemberNames.Select(m => $"{section}__{m}"));
            return $"setting {setting}: {r.ErrorMessage}";
        }));
    }
}
