using System.Text.Json;
using CampaignFlow.Tests.Classification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CampaignFlow.Tests.Unit.House;

/// <summary>
/// The house rules of shared/docs/style.md that a reviewer would otherwise count by hand: no file under
/// functions/ over 400 lines, no method over 80, and a domain that knows nothing of Azure, SendGrid or ASP.NET Core.
/// </summary>
public sealed class HouseRulesTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 80;
    private static readonly string[] ForbiddenInDomain = ["Azure.", "Microsoft.Azure.", "Microsoft.Extensions.Azure", "SendGrid", "Microsoft.AspNetCore"];

    private static string Functions => Path.Combine(RepositoryPaths.Root, "functions");

    /// <summary>Source files of the projects under functions/, build output left out.</summary>
    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(Functions, pattern, SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Functions, f).Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"));

    [Fact]
    public void NoFileUnderFunctionsIsOver400Lines()
    {
        var files = SourceFiles("*").ToList();

        var over = files
            .Select(f => (File: Path.GetRelativePath(RepositoryPaths.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} files found under {Functions}");
        Assert.True(over.Count == 0, "over " + MaxFileLines + " lines:\n" + string.Join("\n", over));
    }

    [Fact]
    public void NoMethodUnderFunctionsIsOver80Lines()
    {
        var methods = SourceFiles("*.cs").SelectMany(MethodsOf).ToList();

        var over = methods.Where(m => m.Lines > MaxMethodLines).Select(m => $"{m.Where}: {m.Name}, {m.Lines} lines").ToList();

        Assert.True(methods.Count > 500, $"only {methods.Count} methods found");
        Assert.True(over.Count == 0, "over " + MaxMethodLines + " lines:\n" + string.Join("\n", over));
    }

    [Fact]
    public void MethodLengthCountsTheWholeDeclarationIncludingLocalFunctionsAndAccessors()
    {
        var body = string.Concat(Enumerable.Repeat("        x++;\n", 79));
        var source = $"class C\n{{\n    int x;\n    void Long()\n    {{\n{body}    }}\n    int P {{ get {{ return x; }} }}\n}}\n";
        var path = Path.Combine(Path.GetTempPath(), $"house-{Guid.NewGuid():N}.cs");
        File.WriteAllText(path, source);
        try
        {
            var methods = MethodsOf(path).ToList();

            Assert.Contains(methods, m => m.Name == "Long" && m.Lines == 82);
            Assert.Contains(methods, m => m.Name == "get" && m.Lines == 1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheDomainProjectReferencesNoAzureSendGridOrAspNetCore()
    {
        var domain = Path.Combine(Functions, "CampaignFlow");
        var csproj = File.ReadAllText(Path.Combine(domain, "CampaignFlow.csproj"));
        var assets = Path.Combine(domain, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: restore the solution first");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));

        // Every package the domain gets, directly or transitively, and every shared framework it asks for.
        var packages = json.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(t => t.Value.EnumerateObject().Select(p => p.Name.Split('/')[0]))
            .Distinct()
            .ToList();
        var frameworks = json.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("frameworkReferences", out var refs) ? refs.EnumerateObject().Select(r => r.Name) : [])
            .ToList();
        var assemblies = typeof(CampaignFlow.Classification.RuleSet).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("JsonSchema.Net", packages);
        Assert.DoesNotContain(packages, Forbidden);
        Assert.DoesNotContain(frameworks, Forbidden);
        Assert.DoesNotContain(assemblies, Forbidden);
        Assert.DoesNotContain("Microsoft.AspNetCore", csproj, StringComparison.Ordinal);
    }

    private static bool Forbidden(string name) =>
        ForbiddenInDomain.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase) || name.Equals(f.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Methods, constructors, operators, accessors and local functions, each with its length in lines.</summary>
    private static IEnumerable<(string Where, string Name, int Lines)> MethodsOf(string file)
    {
        var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var name = node switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                ConstructorDeclarationSyntax c => c.Identifier.Text,
                LocalFunctionStatementSyntax l => l.Identifier.Text,
                AccessorDeclarationSyntax a => a.Keyword.Text,
                BaseMethodDeclarationSyntax b => b.Kind().ToString(),
                _ => null,
            };
            if (name is null)
            {
                continue;
            }
            var span = node.GetLocation().GetLineSpan();
            var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            yield return ($"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{span.StartLinePosition.Line + 1}", name, lines);
        }
    }
}
