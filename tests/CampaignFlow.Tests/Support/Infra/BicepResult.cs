namespace CampaignFlow.Tests.Infra;

/// <summary>What one run of the Bicep CLI returned.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The warning and error lines (`file(line,col) : Warning rule: message`) the CLI printed.</summary>
    public IReadOnlyList<string> Diagnostics =>
        (StandardOutput + "\n" + StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal)
                || line.Contains(" : Error ", StringComparison.Ordinal))
            .Distinct()
            .ToList();
}
