namespace CampaignFlow.Classification;

/// <summary>The rule set shipped with the build (config/rules.json, embedded).</summary>
public static class DefaultRules
{
    public static string Read()
    {
        using var stream = typeof(DefaultRules).Assembly.GetManifestResourceStream("CampaignFlow.config.rules.json")
            ?? throw new InvalidOperationException("the default rule set is not embedded in the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
