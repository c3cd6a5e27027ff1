using System.Reflection;
using System.Text.RegularExpressions;
using CampaignFlow.Cli.Local;

namespace CampaignFlow.Tests.Configuration;

/// <summary>
/// The app settings as three sources see them: what the code reads (options classes and function bindings), what
/// the infra deploys, and the README's settings table. Indexed settings are normalised to <c>__N__</c>.
/// </summary>
public static partial class AppSettingsCatalog
{
    /// <summary>Settings the Functions platform and the host read, not the app's options classes.</summary>
    public static readonly string[] Platform =
    [
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        // App Service authentication (the staff console's Entra ID sign-in) reads its client secret from this setting.
        "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET",
    ];

    /// <summary>Every setting an options class of the app binds (domain, Azure adapters, web): <c>SectionName__Property</c>, lists of objects as <c>__N__Property</c>.</summary>
    public static SortedSet<string> ReadByCode()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Assembly[] assemblies =
        [
            typeof(CampaignFlowServiceCollectionExtensions).Assembly,
            typeof(CampaignFlow.Azure.AzureServiceCollectionExtensions).Assembly,
            typeof(CampaignFlow.Web.WebServiceCollectionExtensions).Assembly,
        ];
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string section)
            {
                continue;
            }
            Expand(section, type, names);
        }
        foreach (Match match in PercentSetting().Matches(File.ReadAllText(FunctionsMetadataPath())))
        {
            names.Add(match.Groups[1].Value);
        }
        return names;
    }

    /// <summary>Nested option objects become <c>__Child__Key</c>; lists become <c>__N</c> (of objects: <c>__N__Key</c>).</summary>
    private static void Expand(string prefix, Type type, SortedSet<string> names)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = $"{prefix}__{property.Name}";
            var propertyType = property.PropertyType;
            var element = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>) ? propertyType.GetGenericArguments()[0] : null;
            if (element is not null)
            {
                if (IsOptionsObject(element))
                {
                    Expand(name + "__N", element, names);
                }
                else
                {
                    names.Add(name + "__N");
                }
            }
            else if (IsOptionsObject(propertyType))
            {
                Expand(name, propertyType, names);
            }
            else
            {
                names.Add(name);
            }
        }
    }

    private static bool IsOptionsObject(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && type.Namespace?.StartsWith("CampaignFlow", StringComparison.Ordinal) == true;

    public static SortedSet<string> DeployedByInfra() =>
        new(Infra.BicepTemplate.AppSettingNames().Select(Normalise), StringComparer.Ordinal);

    /// <summary>The first column of the README's settings table; <c>`__Key`</c> continues the previous name's prefix.</summary>
    public static SortedSet<string> InReadme()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var table = readme.SkipWhile(l => !l.StartsWith("## Settings", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        foreach (var row in table.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var prefix = "";
            foreach (Match match in Code().Matches(row.Split('|')[1]))
            {
                var name = match.Groups[1].Value;
                if (name.StartsWith("__", StringComparison.Ordinal))
                {
                    name = prefix + name;
                }
                else
                {
                    var last = name.LastIndexOf("__", StringComparison.Ordinal);
                    prefix = last < 0 ? name : name[..last];
                }
                names.Add(Normalise(name));
            }
        }
        return names;
    }

    private static string Normalise(string name) => Index().Replace(name, "__N");

    private static string FunctionsMetadataPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(RepositoryRoot.Find(), "functions", "CampaignFlow.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex PercentSetting();

    [GeneratedRegex("`([A-Za-z0-9_]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"__\d+(?=__|$)")]
    private static partial Regex Index();
}
