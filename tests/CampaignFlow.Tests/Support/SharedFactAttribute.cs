using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Support;

/// <summary>A fact that needs <c>../shared/&lt;path&gt;</c> beside the repository; reported as skipped, with the reason, where it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute(string path)
    {
        if (RepositoryRoot.Shared(path) is null)
        {
            Skip = $"../shared/{path} is not beside the repository (it is only in the development and CI checkouts)";
        }
    }
}

/// <summary>A theory that needs <c>../shared/&lt;path&gt;</c>; skipped, with the reason, where it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute(string path)
    {
        if (RepositoryRoot.Shared(path) is null)
        {
            Skip = $"../shared/{path} is not beside the repository (it is only in the development and CI checkouts)";
        }
    }
}
