using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// Refuses to start with a signing key anyone could know (<see cref="SigningKeys.Problem"/>), current or previous: a
/// previous key still validates links, so a weak one would forge them as well as a weak current key.
/// </summary>
public sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public const string SigningKeySetting = "Tokens__SigningKey";
    public const string PreviousSetting = "Tokens__PreviousSigningKey";

    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        var problems = new List<string>();
        if (SigningKeys.Problem(options.SigningKey, SigningKeySetting) is { } current)
        {
            problems.Add("setting " + current);
        }
        if (!string.IsNullOrWhiteSpace(options.PreviousSigningKey) && !SigningKeys.IsKeyVaultReference(options.PreviousSigningKey))
        {
            var entries = PreviousSigningKey.Entries(options.PreviousSigningKey);
            for (var i = 0; i < entries.Count; i++)
            {
                var key = PreviousSigningKey.Parse(entries[i]);
                if (key is null)
                {
                    problems.Add($"setting {PreviousSetting}: entry {i + 1} is not '<valid-until> <key>' (as keys rotate writes it)");
                }
                else if (SigningKeys.Problem(key.Key, $"{PreviousSetting} entry {i + 1}") is { } previous)
                {
                    problems.Add("setting " + previous);
                }
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
