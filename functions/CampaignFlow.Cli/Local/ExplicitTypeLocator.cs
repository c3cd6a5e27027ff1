using Microsoft.Azure.WebJobs;

namespace CampaignFlow.Cli.Local;

/// <summary>Tells the WebJobs SDK exactly which classes hold functions, wherever the host runs from (CLI or tests).</summary>
internal sealed class ExplicitTypeLocator(params Type[] types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}
